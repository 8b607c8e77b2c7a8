package id.bontang.pantau.catalog;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated catalog: the city's areas, every device and feed that may send readings, and every
 * tile of the wall. Immutable; loaded once at start-up by {@link CatalogLoader}.
 *
 * @param sources devices and feeds by id, in catalog order
 * @param alarms  the alarm rules, their subjects expanded
 * @param geojson where the areas' boundaries are, as the file wrote it (relative to the catalog), or null
 */
public record Catalog(String origin, String city, ZoneId zone, List<Area> areas, Map<String, Source> sources,
        List<IndicatorSpec> indicators, List<AlarmRule> alarms, String geojson) {

    public Optional<Source> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    public List<Source> devices() {
        return sources.values().stream().filter(s -> !s.isFeed()).toList();
    }

    public List<Source> feeds() {
        return sources.values().stream().filter(Source::isFeed).toList();
    }
}
