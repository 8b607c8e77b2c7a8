package id.bontang.pantau.catalog;

import static id.bontang.pantau.catalog.Problems.blank;
import static id.bontang.pantau.catalog.Problems.nonNull;

import id.bontang.pantau.catalog.CatalogLoader.RawArea;
import id.bontang.pantau.catalog.CatalogLoader.RawCatalog;
import id.bontang.pantau.catalog.CatalogLoader.RawDevice;
import id.bontang.pantau.catalog.CatalogLoader.RawFeed;
import id.bontang.pantau.catalog.CatalogLoader.RawKind;
import id.bontang.pantau.catalog.CatalogLoader.RawLevels;
import id.bontang.pantau.catalog.CatalogLoader.RawMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the areas and everything that sends readings: the kinds (cadence, metrics), the devices of each kind
 * and the agency feeds. An entry that cannot be used is reported and left out; the checks go on with the next.
 */
final class SourcesReader {

    /** Pantau's own broker logins and client ids start with it (pantau, pantau-alarms, pantau-store-…, pantau-live-…). */
    public static final String RESERVED_PREFIX = "pantau";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private static final Pattern EUI = Pattern.compile("[0-9a-fA-F]{16}");

    private final Problems problems;
    private final Map<String, String> devEuis = new LinkedHashMap<>();

    SourcesReader(Problems problems) {
        this.problems = problems;
    }

    List<Area> areas(List<RawArea> raw) {
        List<Area> areas = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            RawArea a = raw.get(i);
            String at = "areas[" + i + "]" + (a.slug() == null ? "" : " '" + a.slug() + "'");
            if (a.slug() == null || !SLUG.matcher(a.slug()).matches()) {
                problems.add(at, "slug must be lower-case letters, digits and '-'");
                continue;
            }
            if (!seen.add(a.slug())) {
                problems.add(at, "slug is listed twice");
            }
            if (blank(a.name())) {
                problems.add(at, "name is required");
            }
            if (a.lat() == null || a.lon() == null || Math.abs(a.lat()) > 90 || Math.abs(a.lon()) > 180) {
                problems.add(at, "lat and lon are required (degrees, lat -90..90, lon -180..180)");
                continue;
            }
            areas.add(new Area(a.slug(), a.name(), a.kecamatan(), a.lat(), a.lon(), a.hazard()));
        }
        return areas;
    }

    /** The devices, then the feeds, by id in catalog order; {@code slugs} are the areas they may name. */
    Map<String, Source> sources(RawCatalog raw, Set<String> slugs) {
        Map<String, Source> sources = new LinkedHashMap<>();
        devices(raw, slugs, sources);
        feeds(nonNull(raw.feeds()), slugs, sources);
        return sources;
    }

    private void devices(RawCatalog raw, Set<String> slugs, Map<String, Source> sources) {
        Map<String, RawKind> kinds = raw.kinds() == null ? Map.of() : raw.kinds();
        Map<String, Map<String, MetricSpec>> kindMetrics = new LinkedHashMap<>();
        Map<String, Duration> kindCadence = new LinkedHashMap<>();
        kinds.forEach((name, kind) -> {
            String at = "kinds." + name;
            kindCadence.put(name, cadence(at, kind.cadence()));
            kindMetrics.put(name, metrics(at, kind.metrics()));
        });
        List<RawDevice> devices = nonNull(raw.devices());
        for (int i = 0; i < devices.size(); i++) {
            RawDevice d = devices.get(i);
            String at = "devices[" + i + "]" + (d.id() == null ? "" : " '" + d.id() + "'");
            if (!validId(at, d.id(), sources)) {
                continue;
            }
            if (!kinds.containsKey(d.kind())) {
                problems.add(at + ".kind", "unknown kind '" + d.kind() + "' (kinds: " + kinds.keySet() + ")");
                continue;
            }
            if (d.area() != null && !slugs.contains(d.area())) {
                problems.add(at + ".area", "unknown area '" + d.area() + "'");
            }
            Map<String, MetricSpec> metrics = kindMetrics.get(d.kind());
            Map<String, String> units = d.units() == null ? Map.of() : d.units();
            units.forEach((metric, unit) -> {
                if (!metrics.containsKey(metric)) {
                    problems.add(at + ".units", "units names metric '" + metric + "', which kind '" + d.kind() + "' does not have");
                } else if (Units.converter(metric, unit, metrics.get(metric).unit()).isEmpty()) {
                    problems.add(at + ".units", "no conversion from '" + unit + "' to '" + metrics.get(metric).unit()
                            + "' for " + metric);
                }
            });
            boolean lorawan = false;
            if (d.devEui() != null) {
                if (!EUI.matcher(d.devEui()).matches()) {
                    problems.add(at + ".devEui", "devEui is the device's EUI-64: 16 hexadecimal digits, not '" + d.devEui() + "'");
                } else if (devEuis.putIfAbsent(d.devEui().toLowerCase(Locale.ROOT), d.id()) != null) {
                    problems.add(at + ".devEui", "devEui " + d.devEui() + " is given to " + devEuis.get(d.devEui().toLowerCase(Locale.ROOT)) + " already");
                } else {
                    lorawan = true;
                }
            }
            String name = blank(d.name()) ? d.id() : d.name();
            Source.Life life = problems.enumOf(at + ".state", Source.Life.class, d.state(), Source.Life.ACTIVE);
            sources.put(d.id(), new Source(d.id(), Source.Type.DEVICE, d.kind(), d.area(), name, kindCadence.get(d.kind()),
                    lorawan ? DeviceHealth.withHealth(metrics) : metrics, Map.copyOf(units), levels(at, d.levels()), null, life == null ? Source.Life.ACTIVE : life));
        }
    }

    /** The LoRaWAN devices: devEui (lower case) to id. */
    Map<String, String> devEuis() {
        return Map.copyOf(devEuis);
    }

    private Levels levels(String at, RawLevels l) {
        if (l == null) {
            return null;
        }
        if (l.waspada() == null || l.siaga() == null || l.awas() == null
                || !(l.waspada() < l.siaga() && l.siaga() < l.awas())) {
            problems.add(at, "levels need waspada < siaga < awas (cm)");
            return null;
        }
        return new Levels(l.waspada(), l.siaga(), l.awas());
    }

    private void feeds(List<RawFeed> feeds, Set<String> slugs, Map<String, Source> sources) {
        for (int i = 0; i < feeds.size(); i++) {
            RawFeed f = feeds.get(i);
            String at = "feeds[" + i + "]" + (f.id() == null ? "" : " '" + f.id() + "'");
            if (!validId(at, f.id(), sources)) {
                continue;
            }
            if (f.area() != null && !slugs.contains(f.area())) {
                problems.add(at, "unknown area '" + f.area() + "'");
            }
            Map<String, MetricSpec> metrics = metrics(at, f.metrics());
            if (metrics.isEmpty()) {
                problems.add(at, "a feed needs at least one metric");
            }
            String name = blank(f.name()) ? f.id() : f.name();
            Duration silentAfter = f.silentAfter() == null ? null : problems.duration(at + ".silentAfter", f.silentAfter());
            sources.put(f.id(), new Source(f.id(), Source.Type.FEED, "feed", f.area(), name, cadence(at, f.cadence()), metrics,
                    Map.of(), null, silentAfter));
        }
    }

    /** Devices and feeds share one name space: a reading names its source by id alone. */
    private boolean validId(String at, String id, Map<String, Source> sources) {
        if (id == null || !CatalogLoader.DEVICE_ID.matcher(id).matches()) {
            problems.add(at + ".id", "id must match " + CatalogLoader.DEVICE_ID.pattern());
            return false;
        }
        if (id.startsWith(RESERVED_PREFIX)) {
            // A source's id is its broker login and the one client id that login may use: a device named
            // pantau-store-… could take over Pantau's durable sessions (docs/operations.md, "Broker identities").
            problems.add(at + ".id", "ids starting with '" + RESERVED_PREFIX + "' are Pantau's own broker identities; choose another id");
            return false;
        }
        if (sources.containsKey(id)) {
            problems.add(at + ".id", "id is already used by another device or feed");
            return false;
        }
        return true;
    }

    private Duration cadence(String at, String text) {
        if (text == null) {
            problems.add(at, "cadence is required (the expected interval between messages, e.g. 60s)");
            return Duration.ofMinutes(1);
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(at + ".cadence", e.getMessage());
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
            if (!CatalogLoader.METRIC.matcher(name).matches()) {
                problems.add(where, "metric names match " + CatalogLoader.METRIC.pattern());
            } else if (m == null || blank(m.unit())) {
                problems.add(where, "unit is required");
            } else if (m.min() != null && m.max() != null && m.min() >= m.max()) {
                problems.add(where, "min must be below max");
            } else if (m.type() != null && !List.of("state", "total", "increment").contains(m.type())) {
                problems.add(where, "type is 'state' (a level, a concentration, a queue: one value per time; the default), "
                        + "'total' (vehicles, rain, kWh over the interval ending at the reading's time: summed, one per "
                        + "time) or 'increment' (calls, orders: every record is one more event), not '" + m.type() + "'");
            } else {
                metrics.put(name, new MetricSpec(m.unit(),
                        m.min() == null ? Double.NEGATIVE_INFINITY : m.min(), m.max() == null ? Double.POSITIVE_INFINITY : m.max(),
                        m.type() == null ? MetricSpec.Type.STATE : MetricSpec.Type.valueOf(m.type().toUpperCase(Locale.ROOT))));
            }
        });
        return Collections.unmodifiableMap(metrics); // catalog order, for messages that list them
    }
}
