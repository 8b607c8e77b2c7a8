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
 * @param connectors what turns other shapes into readings (LoRaWAN network servers, vendors' JSON, pull feeds)
 * @param devEuis  LoRaWAN devices: the devEui (lower-case hex) to the device's id
 */
public record Catalog(String origin, String city, ZoneId zone, List<Area> areas, Map<String, Source> sources,
        List<IndicatorSpec> indicators, List<AlarmRule> alarms, String geojson, List<ConnectorSpec> connectors,
        Map<String, String> devEuis) {

    /** The same catalog, said to come from elsewhere (a version's number, a file). */
    public Catalog withOrigin(String from) {
        return new Catalog(from, city, zone, areas, sources, indicators, alarms, geojson, connectors, devEuis);
    }

    public Optional<ConnectorSpec> connector(String id) {
        return connectors.stream().filter(c -> c.id().equals(id)).findFirst();
    }

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
