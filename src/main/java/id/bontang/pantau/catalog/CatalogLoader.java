package id.bontang.pantau.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import id.bontang.pantau.reading.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads a catalog file (YAML) and validates every entry, collecting all problems before failing so
 * that one start-up shows everything there is to fix. Each problem names the entry and what is wrong.
 */
public final class CatalogLoader {

    public static final Pattern DEVICE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final Pattern METRIC = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern TILE_ID = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");
    private static final List<String> POLLUTANTS = List.of("pm10", "pm25", "so2", "co", "o3", "no2", "hc");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final String origin;
    private final List<String> problems = new ArrayList<>();

    private CatalogLoader(String origin) {
        this.origin = origin;
    }

    /**
     * @param origin the file's name for messages (a path, or classpath:…)
     * @throws CatalogException naming every problem found
     */
    public static Catalog load(String origin, InputStream in) {
        CatalogLoader loader = new CatalogLoader(origin);
        RawCatalog raw;
        try {
            raw = YAML.readValue(in, RawCatalog.class);
        } catch (UnrecognizedPropertyException e) {
            throw new CatalogException(origin, List.of(where(e) + "unknown property '" + e.getPropertyName()
                    + "' (allowed: " + e.getKnownPropertyIds() + ")"));
        } catch (JacksonException e) {
            throw new CatalogException(origin, List.of(where(e) + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new CatalogException(origin, List.of("cannot be read: " + e.getMessage()));
        }
        if (raw == null) {
            throw new CatalogException(origin, List.of("the file is empty"));
        }
        Catalog catalog = loader.validate(raw);
        if (!loader.problems.isEmpty()) {
            throw new CatalogException(origin, loader.problems);
        }
        return catalog;
    }

    private static String where(JacksonException e) {
        String at = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getPathReference() : "";
        return at + path.replace("id.bontang.pantau.catalog.CatalogLoader$", "") + (path.isEmpty() ? "" : ": ");
    }

    private void problem(String where, String what) {
        problems.add(where + ": " + what);
    }

    private Catalog validate(RawCatalog raw) {
        ZoneId zone = ZoneId.of("Asia/Makassar");
        String city = "Bontang";
        if (raw.city != null) {
            city = Objects.requireNonNullElse(raw.city.name, city);
            if (raw.city.timezone != null) {
                try {
                    zone = ZoneId.of(raw.city.timezone);
                } catch (DateTimeException e) {
                    problem("city.timezone", "unknown time zone '" + raw.city.timezone + "'");
                }
            }
        }
        List<Area> areas = areas(nonNull(raw.areas));
        Set<String> slugs = new HashSet<>();
        areas.forEach(a -> slugs.add(a.slug()));
        Map<String, Source> sources = new LinkedHashMap<>();
        devices(raw, slugs, sources);
        feeds(nonNull(raw.feeds), slugs, sources);
        Map<String, String> areaNames = new LinkedHashMap<>();
        areas.forEach(a -> areaNames.put(a.slug(), a.name()));
        List<IndicatorSpec> indicators = indicators(nonNull(raw.indicators), sources, areaNames);
        return new Catalog(origin, city, zone, areas, sources, indicators);
    }

    private List<Area> areas(List<RawArea> raw) {
        List<Area> areas = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            RawArea a = raw.get(i);
            String at = "areas[" + i + "]" + (a.slug == null ? "" : " '" + a.slug + "'");
            if (a.slug == null || !SLUG.matcher(a.slug).matches()) {
                problem(at, "slug must be lower-case letters, digits and '-'");
                continue;
            }
            if (!seen.add(a.slug)) {
                problem(at, "slug is listed twice");
            }
            if (blank(a.name)) {
                problem(at, "name is required");
            }
            if (a.lat == null || a.lon == null || Math.abs(a.lat) > 90 || Math.abs(a.lon) > 180) {
                problem(at, "lat and lon are required (degrees, lat -90..90, lon -180..180)");
                continue;
            }
            areas.add(new Area(a.slug, a.name, a.kecamatan, a.lat, a.lon, a.hazard));
        }
        return areas;
    }

    private void devices(RawCatalog raw, Set<String> slugs, Map<String, Source> sources) {
        Map<String, RawKind> kinds = raw.kinds == null ? Map.of() : raw.kinds;
        Map<String, Map<String, MetricSpec>> kindMetrics = new LinkedHashMap<>();
        Map<String, Duration> kindCadence = new LinkedHashMap<>();
        kinds.forEach((name, kind) -> {
            String at = "kinds." + name;
            kindCadence.put(name, cadence(at, kind.cadence));
            kindMetrics.put(name, metrics(at, kind.metrics));
        });
        List<RawDevice> devices = nonNull(raw.devices);
        for (int i = 0; i < devices.size(); i++) {
            RawDevice d = devices.get(i);
            String at = "devices[" + i + "]" + (d.id == null ? "" : " '" + d.id + "'");
            if (!validId(at, d.id, sources)) {
                continue;
            }
            if (!kinds.containsKey(d.kind)) {
                problem(at, "unknown kind '" + d.kind + "' (kinds: " + kinds.keySet() + ")");
                continue;
            }
            if (d.area != null && !slugs.contains(d.area)) {
                problem(at, "unknown area '" + d.area + "'");
            }
            Map<String, MetricSpec> metrics = kindMetrics.get(d.kind);
            Map<String, String> units = d.units == null ? Map.of() : d.units;
            units.forEach((metric, unit) -> {
                if (!metrics.containsKey(metric)) {
                    problem(at, "units names metric '" + metric + "', which kind '" + d.kind + "' does not have");
                } else if (Units.converter(metric, unit, metrics.get(metric).unit()).isEmpty()) {
                    problem(at, "units: no conversion from '" + unit + "' to '" + metrics.get(metric).unit()
                            + "' for " + metric);
                }
            });
            Levels levels = null;
            if (d.levels != null) {
                RawLevels l = d.levels;
                if (l.waspada == null || l.siaga == null || l.awas == null || !(l.waspada < l.siaga && l.siaga < l.awas)) {
                    problem(at, "levels need waspada < siaga < awas (cm)");
                } else {
                    levels = new Levels(l.waspada, l.siaga, l.awas);
                }
            }
            sources.put(d.id, new Source(d.id, Source.Type.DEVICE, d.kind, d.area, blank(d.name) ? d.id : d.name,
                    kindCadence.get(d.kind), metrics, Map.copyOf(units), levels));
        }
    }

    private void feeds(List<RawFeed> feeds, Set<String> slugs, Map<String, Source> sources) {
        for (int i = 0; i < feeds.size(); i++) {
            RawFeed f = feeds.get(i);
            String at = "feeds[" + i + "]" + (f.id == null ? "" : " '" + f.id + "'");
            if (!validId(at, f.id, sources)) {
                continue;
            }
            if (f.area != null && !slugs.contains(f.area)) {
                problem(at, "unknown area '" + f.area + "'");
            }
            Map<String, MetricSpec> metrics = metrics(at, f.metrics);
            if (metrics.isEmpty()) {
                problem(at, "a feed needs at least one metric");
            }
            sources.put(f.id, new Source(f.id, Source.Type.FEED, "feed", f.area, blank(f.name) ? f.id : f.name,
                    cadence(at, f.cadence), metrics, Map.of(), null));
        }
    }

    private boolean validId(String at, String id, Map<String, Source> sources) {
        if (id == null || !DEVICE_ID.matcher(id).matches()) {
            problem(at, "id must match " + DEVICE_ID.pattern());
            return false;
        }
        if (sources.containsKey(id)) {
            problem(at, "id is already used by another device or feed");
            return false;
        }
        return true;
    }

    private Duration cadence(String at, String text) {
        if (text == null) {
            problem(at, "cadence is required (the expected interval between messages, e.g. 60s)");
            return Duration.ofMinutes(1);
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problem(at + ".cadence", e.getMessage());
            return Duration.ofMinutes(1);
        }
    }

    private Map<String, MetricSpec> metrics(String at, Map<String, RawMetric> raw) {
        Map<String, MetricSpec> metrics = new LinkedHashMap<>();
        if (raw == null) {
            return metrics;
        }
        raw.forEach((name, m) -> {
            String where = at + ".metrics." + name;
            if (!METRIC.matcher(name).matches()) {
                problem(where, "metric names match " + METRIC.pattern());
            } else if (m == null || blank(m.unit)) {
                problem(where, "unit is required");
            } else if (m.min != null && m.max != null && m.min >= m.max) {
                problem(where, "min must be below max");
            } else if (m.type != null && !List.of("state", "total", "increment").contains(m.type)) {
                problem(where, "type is 'state' (a level, a concentration, a queue: one value per time; the default), "
                        + "'total' (vehicles, rain, kWh over the interval ending at the reading's time: summed, one per "
                        + "time) or 'increment' (calls, orders: every record is one more event), not '" + m.type + "'");
            } else {
                metrics.put(name, new MetricSpec(m.unit,
                        m.min == null ? Double.NEGATIVE_INFINITY : m.min, m.max == null ? Double.POSITIVE_INFINITY : m.max,
                        m.type == null ? MetricSpec.Type.STATE : MetricSpec.Type.valueOf(m.type.toUpperCase(java.util.Locale.ROOT))));
            }
        });
        return java.util.Collections.unmodifiableMap(metrics); // catalog order, for messages that list them
    }

    private List<IndicatorSpec> indicators(List<RawIndicator> raw, Map<String, Source> sources, Map<String, String> areaNames) {
        List<IndicatorSpec> specs = new ArrayList<>();
        List<Integer> worstAt = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            RawIndicator r = raw.get(i);
            String at = "indicators[" + i + "]" + (r.id == null ? "" : " '" + r.id + "'");
            IndicatorSpec.Type type = enumOf(at + ".type", IndicatorSpec.Type.class, r.type, IndicatorSpec.Type.VALUE);
            Dimension dimension = enumOf(at + ".dimension", Dimension.class, r.dimension, null);
            if (r.id == null || r.title == null || blank(r.title.id()) || blank(r.title.en()) || dimension == null) {
                problem(at, "id, dimension and title (id and en) are required");
                continue;
            }
            if (type == IndicatorSpec.Type.WORST) {
                if (r.of == null) {
                    problem(at, "a worst tile names the tiles it covers in 'of' (e.g. ispu.aqms-*)");
                    continue;
                }
                worstAt.add(specs.size());
                specs.add(new IndicatorSpec(r.id, type, dimension, r.title, null, null, List.of(), null, List.of(), List.of(r.of)));
                continue;
            }
            if ((r.each == null) == (r.sources == null)) {
                problem(at, "give either 'sources' (one tile over them all) or 'each' (one tile per source)");
                continue;
            }
            List<Source> selected = select(at, r.each != null ? r.each : r.sources, sources);
            if (selected.isEmpty()) {
                continue;
            }
            if (r.each != null) {
                if (!r.id.contains("{source}")) {
                    problem(at, "a tile made for each source needs {source} in its id");
                    continue;
                }
                for (Source s : selected) {
                    String area = s.area() == null ? "" : areaNames.getOrDefault(s.area(), s.area());
                    Title title = r.title.fill("{source}", s.id()).fill("{name}", s.name()).fill("{area}", area);
                    specs.add(spec(at, r, type, dimension, r.id.replace("{source}", s.id()), title, s, List.of(s)));
                }
            } else {
                specs.add(spec(at, r, type, dimension, r.id, r.title, null, selected));
            }
        }
        for (int i : worstAt) {
            IndicatorSpec w = specs.get(i);
            Predicate<String> glob = glob(w.of().get(0));
            List<String> of = specs.stream().filter(Objects::nonNull).map(IndicatorSpec::id).filter(id -> !id.equals(w.id()) && glob.test(id)).toList();
            if (of.isEmpty()) {
                problem("indicator '" + w.id() + "'", "'of: " + w.of().get(0) + "' matches no other tile");
            }
            specs.set(i, new IndicatorSpec(w.id(), w.type(), w.dimension(), w.title(), null, null, List.of(), null, List.of(), of));
        }
        Set<String> ids = new HashSet<>();
        for (IndicatorSpec s : specs) {
            if (s != null && !TILE_ID.matcher(s.id()).matches()) {
                problem("indicator '" + s.id() + "'", "tile ids use lower-case letters, digits, '.' and '-'");
            }
            if (s != null && !ids.add(s.id())) {
                problem("indicator '" + s.id() + "'", "tile id is defined twice");
            }
        }
        return specs.stream().filter(Objects::nonNull).toList();
    }

    private IndicatorSpec spec(String at, RawIndicator r, IndicatorSpec.Type type, Dimension dimension, String id,
            Title title, Source one, List<Source> selected) {
        List<String> ids = selected.stream().map(Source::id).toList();
        String area = one == null ? null : one.area();
        switch (type) {
            case ISPU -> {
                if (selected.stream().anyMatch(s -> POLLUTANTS.stream().noneMatch(s.metrics()::containsKey))) {
                    problem(at, "an ispu tile needs sources that measure at least one of " + POLLUTANTS);
                }
                return new IndicatorSpec(id, type, dimension, title, one, area, ids, null, List.of(), List.of());
            }
            case FLOOD -> {
                if (one == null || one.levels() == null) {
                    problem(at, "a flood tile is made for each gauge, and each gauge needs levels (waspada, siaga, awas)");
                    return null;
                }
            }
            default -> {
            }
        }
        RawMeasure main = new RawMeasure("value", null, r.metric, r.window, r.aggregate, r.unit, r.decimals, null, r.thresholds);
        MeasureSpec value = measure(at, main, selected);
        List<MeasureSpec> extras = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RawMeasure e : nonNull(r.extras)) {
            String where = at + ".extras." + e.name;
            if (e.name == null || !e.name.matches("[a-zA-Z][a-zA-Z0-9]*") || e.name.equals("value") || !names.add(e.name)) {
                problem(where, "each extra needs a distinct camelCase name other than 'value'");
            } else if (e.title == null || blank(e.title.id()) || blank(e.title.en())) {
                problem(where, "title (id and en) is required");
            } else {
                extras.add(measure(where, e, selected));
            }
        }
        if (value == null || extras.contains(null)) {
            return null;
        }
        return new IndicatorSpec(id, type, dimension, title, one, area, ids, value, List.copyOf(extras), List.of());
    }

    private MeasureSpec measure(String at, RawMeasure m, List<Source> selected) {
        Aggregate aggregate = m.aggregate == null ? Aggregate.LATEST : Aggregate.of(m.aggregate).orElse(null);
        if (aggregate == null) {
            problem(at, "unknown aggregate '" + m.aggregate + "' (one of latest, avg, min, max, sum, count, rate, "
                    + "sum-of-latest, online-share)");
            return null;
        }
        Window window = window(at, m.window, aggregate);
        String metric = m.metric;
        if (aggregate == Aggregate.ONLINE_SHARE) {
            if (metric != null) {
                problem(at, "online-share reads device status; it takes no metric");
            }
            metric = Reading.ONLINE;
        } else if (metric == null) {
            problem(at, "metric is required");
            return null;
        } else {
            String name = metric;
            List<String> missing = selected.stream().filter(s -> !s.metrics().containsKey(name)).map(Source::id).toList();
            if (!missing.isEmpty()) {
                problem(at, "metric '" + metric + "' is not measured by " + missing);
                return null;
            }
            if (m.shareOf != null && selected.stream().anyMatch(s -> !s.metrics().containsKey(m.shareOf))) {
                problem(at, "shareOf names metric '" + m.shareOf + "', which its sources do not measure");
            }
            if ((aggregate == Aggregate.SUM || aggregate == Aggregate.RATE)
                    && selected.stream().anyMatch(s -> !s.metrics().get(name).summable())) {
                problem(at, "aggregate " + aggregate.code() + " adds up '" + metric + "', which is a state (a level: adding "
                        + "its values up means nothing): mark it type: total or type: increment in its kind or feed, or use "
                        + "avg, min, max or latest");
            }
        }
        String unit = m.unit != null ? m.unit
                : aggregate == Aggregate.ONLINE_SHARE || m.shareOf != null ? "%"
                : aggregate == Aggregate.COUNT ? "count" : selected.get(0).metrics().get(metric).unit();
        Thresholds thresholds = thresholds(at, m.thresholds);
        int decimals = m.decimals == null ? 1 : m.decimals;
        if (decimals < 0 || decimals > 6) {
            problem(at, "decimals must be 0..6");
        }
        return window == null ? null : new MeasureSpec(m.name, m.title, selected.stream().map(Source::id).toList(), metric,
                window, aggregate, unit, decimals, m.shareOf, thresholds);
    }

    private Window window(String at, String text, Aggregate aggregate) {
        Window window;
        if (text == null || text.equals("latest")) {
            window = Window.LATEST;
        } else if (text.equals("today")) {
            window = Window.TODAY;
        } else {
            try {
                window = Window.sliding(Durations.parse(text));
            } catch (IllegalArgumentException e) {
                problem(at + ".window", e.getMessage() + "; or 'latest', or 'today'");
                return null;
            }
        }
        if (aggregate.windowed() && window.kind() == Window.Kind.LATEST) {
            problem(at, "aggregate " + aggregate.code() + " needs a window (e.g. 15m, 1h, 24h or today)");
            return null;
        }
        if (!aggregate.windowed() && window.kind() != Window.Kind.LATEST) {
            problem(at, "aggregate " + aggregate.code() + " takes no window (windows apply to avg, min, max, sum, count, rate)");
            return null;
        }
        return window;
    }

    private Thresholds thresholds(String at, RawThresholds t) {
        if (t == null) {
            return null;
        }
        boolean below = "below".equals(t.direction);
        if (t.direction != null && !below && !"above".equals(t.direction)) {
            problem(at + ".thresholds", "direction is 'above' or 'below'");
        }
        if (t.warning == null || t.critical == null) {
            problem(at + ".thresholds", "warning and critical are both required");
            return null;
        }
        if (below ? t.critical > t.warning : t.critical < t.warning) {
            problem(at + ".thresholds", "critical must be " + (below ? "at or below" : "at or above") + " warning when the direction is "
                    + (below ? "below" : "above"));
        }
        return new Thresholds(t.warning, t.critical, below);
    }

    private List<Source> select(String at, RawSelector sel, Map<String, Source> sources) {
        List<Source> selected = sources.values().stream()
                .filter(s -> sel.ids == null || sel.ids.contains(s.id()))
                .filter(s -> sel.kind == null || sel.kind.contains(s.kind()))
                .filter(s -> sel.area == null || sel.area.contains(s.area()))
                .toList();
        for (String id : nonNull(sel.ids)) {
            if (!sources.containsKey(id)) {
                problem(at, "unknown device or feed '" + id + "'");
            }
        }
        if (selected.isEmpty()) {
            problem(at, "selects no device or feed");
        }
        return selected;
    }

    private <E extends Enum<E>> E enumOf(String at, Class<E> type, String text, E fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(at, "unknown value '" + text + "' (one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ")");
            return null;
        }
    }

    private static Predicate<String> glob(String pattern) {
        Pattern p = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
        return id -> p.matcher(id).matches();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    // The file's shape. Unknown properties are errors, so that a typo cannot silently drop a setting.
    record RawCatalog(RawCity city, List<RawArea> areas, Map<String, RawKind> kinds, List<RawDevice> devices,
            List<RawFeed> feeds, List<RawIndicator> indicators) {
    }

    record RawCity(String name, String timezone) {
    }

    record RawArea(String slug, String name, String kecamatan, Double lat, Double lon, String hazard) {
    }

    record RawKind(Title title, String cadence, Map<String, RawMetric> metrics) {
    }

    record RawMetric(String unit, String type, Double min, Double max) {
    }

    record RawDevice(String id, String kind, String area, String name, Map<String, String> units, RawLevels levels) {
    }

    record RawLevels(Double waspada, Double siaga, Double awas) {
    }

    record RawFeed(String id, String agency, String name, String area, String cadence, Map<String, RawMetric> metrics) {
    }

    record RawSelector(List<String> ids, List<String> kind, List<String> area) {
    }

    record RawThresholds(Double warning, Double critical, String direction) {
    }

    record RawMeasure(String name, Title title, String metric, String window, String aggregate, String unit,
            Integer decimals, String shareOf, RawThresholds thresholds) {
    }

    record RawIndicator(String id, String type, String dimension, Title title, RawSelector sources, RawSelector each,
            String of, String metric, String window, String aggregate, String unit, Integer decimals,
            RawThresholds thresholds, List<RawMeasure> extras) {
    }
}
