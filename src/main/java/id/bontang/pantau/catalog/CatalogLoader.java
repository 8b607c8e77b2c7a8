package id.bontang.pantau.catalog;

import static id.bontang.pantau.catalog.Problems.nonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a catalog file (YAML) and validates every entry, collecting all problems before failing so
 * that one start-up shows everything there is to fix. Each problem names the entry and what is wrong.
 *
 * <p>{@link CatalogFile} reads the YAML into the records below, {@link SourcesReader} checks the areas, devices
 * and feeds, {@link IndicatorsReader} the tiles, {@link AlarmRulesReader} the alarm rules; all record into one
 * {@link Problems}.
 */
public final class CatalogLoader {

    public static final Pattern DEVICE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final Pattern METRIC = Pattern.compile("[a-z0-9_]{1,64}");

    private CatalogLoader() {
    }

    /**
     * @param origin the file's name for messages (a path, or classpath:…)
     * @throws CatalogException naming every problem found
     */
    public static Catalog load(String origin, InputStream in) {
        return check(origin, CatalogFile.read(origin, in));
    }

    /** A catalog given as text (YAML, or JSON, which YAML includes), as the API receives it. */
    public static Catalog load(String origin, String text) {
        return check(origin, CatalogFile.read(origin, text));
    }

    private static Catalog check(String origin, RawCatalog raw) {
        Problems problems = new Problems();
        ZoneId zone = ZoneId.of("Asia/Makassar");
        String city = "Bontang";
        if (raw.city() != null) {
            city = Objects.requireNonNullElse(raw.city().name(), city);
            if (raw.city().timezone() != null) {
                try {
                    zone = ZoneId.of(raw.city().timezone());
                } catch (DateTimeException e) {
                    problems.add("city.timezone", "unknown time zone '" + raw.city().timezone() + "'");
                }
            }
        }
        SourcesReader sourcesReader = new SourcesReader(problems);
        List<Area> areas = sourcesReader.areas(nonNull(raw.areas()));
        Set<String> slugs = new HashSet<>();
        areas.forEach(a -> slugs.add(a.slug()));
        Map<String, Source> sources = sourcesReader.sources(raw, slugs);
        Map<String, String> areaNames = new LinkedHashMap<>();
        areas.forEach(a -> areaNames.put(a.slug(), a.name()));
        List<IndicatorSpec> indicators = new IndicatorsReader(problems).indicators(nonNull(raw.indicators()), sources,
                areaNames);
        List<AlarmRule> alarms = new AlarmRulesReader(problems).rules(nonNull(raw.alarms()), sources, indicators, areaNames);
        List<ConnectorSpec> connectors = new ConnectorsReader(problems).connectors(nonNull(raw.connectors()), sources, zone);
        Catalog catalog = new Catalog(origin, city, zone, areas, sources, indicators, alarms,
                raw.city() == null ? null : raw.city().geojson(), connectors, sourcesReader.devEuis());
        problems.throwIfAny(origin);
        return catalog;
    }

    // The file's shape. Unknown properties are errors, so that a typo cannot silently drop a setting.
    // The records stay nested here: Jackson's messages name them by class (CatalogLoader$RawArea), and
    // CatalogFile strips that prefix from the paths it reports.
    record RawCatalog(RawCity city, List<RawArea> areas, Map<String, RawKind> kinds, List<RawDevice> devices,
            List<RawFeed> feeds, List<RawIndicator> indicators, List<RawAlarm> alarms, List<RawConnector> connectors) {
    }

    /** geojson: the areas' boundaries, a file beside the catalog (or classpath:…), for the wall's map. */
    record RawCity(String name, String timezone, String geojson) {
    }

    record RawArea(String slug, String name, String kecamatan, Double lat, Double lon, String hazard) {
    }

    record RawKind(Title title, String cadence, Map<String, RawMetric> metrics) {
    }

    record RawMetric(String unit, String type, Double min, Double max) {
    }

    /** state: active (the default), maintenance or retired; devEui: a LoRaWAN device's EUI, found by it in uplinks. */
    record RawDevice(String id, String kind, String area, String name, Map<String, String> units, RawLevels levels,
            String state, String devEui) {
    }

    /** One connector (docs/catalog.md, "Connectors"); which fields apply depends on its type. */
    record RawConnector(String id, String type, String topic, String application, String tag, RawDeviceRef device,
            Map<String, String> ids, String records, RawTime time, String identity, Map<String, RawValue> values,
            String secret, String header, String url, String every, String timeout, String auth,
            Map<String, String> headers, String watermark, String after) {
    }

    record RawDeviceRef(Integer topic, String path, String id) {
    }

    record RawTime(String path, String format, String zone) {
    }

    record RawValue(String path, String unit, Double scale) {
    }

    record RawLevels(Double waspada, Double siaga, Double awas) {
    }

    record RawFeed(String id, String agency, String name, String area, String cadence, String silentAfter,
            Map<String, RawMetric> metrics) {
    }

    record RawSelector(List<String> ids, List<String> kind, List<String> area) {
    }

    record RawThresholds(Double warning, Double critical, String direction) {
    }

    record RawMeasure(String name, Title title, String metric, String window, String aggregate, String unit,
            Integer decimals, String shareOf, RawThresholds thresholds) {
    }

    /** levels: 'gauge' or a list of RawLevel; severity: a number, or (status) a map of status to number. */
    record RawAlarm(String id, String kind, List<String> tiles, RawSelector sources, JsonNode levels, Double deadband,
            String direction, String field, String onDelay, String offDelay, JsonNode severity, Integer cadences,
            Title message) {
    }

    record RawLevel(Double at, Integer severity, Title label) {
    }

    record RawIndicator(String id, String type, String dimension, Title title, RawSelector sources, RawSelector each,
            String of, String metric, String window, String aggregate, String unit, Integer decimals,
            RawThresholds thresholds, List<RawMeasure> extras) {
    }
}
