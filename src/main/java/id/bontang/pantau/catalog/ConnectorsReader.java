package id.bontang.pantau.catalog;

import static id.bontang.pantau.catalog.Problems.blank;

import id.bontang.pantau.catalog.CatalogLoader.RawConnector;
import id.bontang.pantau.catalog.CatalogLoader.RawValue;
import id.bontang.pantau.catalog.ConnectorSpec.DeviceRef;
import id.bontang.pantau.catalog.ConnectorSpec.TimeSpec;
import id.bontang.pantau.catalog.ConnectorSpec.Type;
import id.bontang.pantau.catalog.ConnectorSpec.ValueSpec;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks the {@code connectors:} section: each connector's shape, topics, paths, times and target (docs/catalog.md). */
final class ConnectorsReader {

    private final Problems problems;

    ConnectorsReader(Problems problems) {
        this.problems = problems;
    }

    List<ConnectorSpec> connectors(List<RawConnector> raw, Map<String, Source> sources, ZoneId zone) {
        List<ConnectorSpec> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> filters = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            RawConnector c = raw.get(i);
            String at = "connectors[" + i + "]" + (c.id() == null ? "" : " '" + c.id() + "'");
            if (c.id() == null || !CatalogLoader.DEVICE_ID.matcher(c.id()).matches()
                    || c.id().startsWith(SourcesReader.RESERVED_PREFIX)) {
                problems.add(at + ".id", "id must match " + CatalogLoader.DEVICE_ID.pattern() + " and not start with 'pantau'");
                continue;
            }
            if (!ids.add(c.id()) || sources.containsKey(c.id())) {
                // An MQTT connector's id is the broker login its network server publishes with: one name space with sources.
                problems.add(at + ".id", "id is already used by another connector, device or feed");
                continue;
            }
            if (c.type() == null) {
                problems.add(at + ".type", "type is required: chirpstack, thethingsstack, json or pull");
                continue;
            }
            Type type = problems.enumOf(at + ".type", Type.class, c.type(), null);
            if (type == null) {
                continue;
            }
            ConnectorSpec spec = connector(at, c, type, sources, zone);
            for (String f : spec.topics()) {
                // A message of two connectors' topics would be read by the first only, and stored by both owners
                filters.stream().filter(other -> overlap(f, other)).findFirst().ifPresent(other -> problems.add(at + ".topic",
                        "topic '" + f + "' overlaps '" + other + "', which another connector reads: one message, one connector"));
                filters.add(f);
            }
            out.add(spec);
        }
        return List.copyOf(out);
    }

    private ConnectorSpec connector(String at, RawConnector c, Type type, Map<String, Source> sources, ZoneId zone) {
        List<String> topics = topics(at, c, type);
        DeviceRef device = device(at, c, type, sources);
        Source fixed = device == null || device.fixed() == null ? null : sources.get(device.fixed());
        Map<String, ValueSpec> values = values(at, c.values(), fixed);
        if (values.isEmpty() && (type == Type.JSON || type == Type.PULL)) {
            problems.add(at + ".values", "values are required: metric: {path: …, unit: …, scale: …}");
        }
        if (type == Type.THETHINGSSTACK && blank(c.secret())) {
            problems.add(at + ".secret", "a webhook needs a secret: the name of its shared secret in PANTAU_CONNECTOR_SECRETS");
        }
        String header = c.header() == null ? "X-Pantau-Secret" : c.header();
        TimeSpec time = time(at + ".time", c.time(), zone);
        if (type.lorawan() && c.time() != null) {
            problems.add(at + ".time", "a LoRaWAN uplink has its own time (time, received_at)");
        }
        ConnectorSpec.Pull pull = type == Type.PULL ? pull(at, c) : null;
        return new ConnectorSpec(c.id(), type, topics, device, blank(c.records()) ? null : c.records(), time,
                blank(c.identity()) ? null : c.identity(), values, blank(c.secret()) ? null : c.secret(), header, pull);
    }

    private List<String> topics(String at, RawConnector c, Type type) {
        if (!type.mqtt()) {
            if (c.topic() != null) {
                problems.add(at + ".topic", type.name().toLowerCase(Locale.ROOT) + " takes no MQTT topic");
            }
            return List.of();
        }
        String topic = c.topic();
        if (topic == null && type == Type.CHIRPSTACK) {
            topic = "application/" + (blank(c.application()) ? "+" : c.application()) + "/device/+/event/+";
        }
        if (topic == null) {
            problems.add(at + ".topic", "topic is required: the MQTT topic filter the vendor publishes on (vendor/aqms/+/data)");
            return List.of();
        }
        if (!validFilter(topic)) {
            problems.add(at + ".topic", "'" + topic + "' is not a topic filter Pantau may read: '+' and '#' stand alone in "
                    + "their level ('#' last), the first level written out, no '$' topics, none under pantau/ (Pantau's own)");
            return List.of();
        }
        return List.of(topic);
    }

    /** Whether some topic matches both filters. */
    static boolean overlap(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : null;
            String m = i < y.length ? y[i] : null;
            if ("#".equals(l) || "#".equals(m)) {
                return true;
            }
            if (l == null || m == null || !(l.equals(m) || l.equals("+") || m.equals("+"))) {
                return false;
            }
        }
        return true;
    }

    static boolean validFilter(String topic) {
        if (topic.isEmpty() || topic.startsWith("$") || topic.startsWith("pantau/") || topic.equals("#")
                || topic.length() > 200) {
            return false;
        }
        String[] levels = topic.split("/", -1);
        if (levels[0].equals("+") || levels[0].isEmpty()) {
            return false; // it would match Pantau's own topics too (pantau/v1/…)
        }
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if ((l.contains("+") && !l.equals("+")) || (l.contains("#") && (!l.equals("#") || i != levels.length - 1))) {
                return false;
            }
        }
        return true;
    }

    private DeviceRef device(String at, RawConnector c, Type type, Map<String, Source> sources) {
        Map<String, String> ids = c.ids() == null ? Map.of() : Map.copyOf(c.ids());
        ids.forEach((theirs, ours) -> {
            if (!sources.containsKey(ours)) {
                problems.add(at + ".ids." + theirs, "'" + ours + "' is not a device or feed of the catalog");
            }
        });
        CatalogLoader.RawDeviceRef d = c.device();
        if (type.lorawan()) {
            if (d != null) {
                problems.add(at + ".device", "a LoRaWAN device is found by the devEui the catalog gives it, or by a tag");
            }
            return new DeviceRef(-1, null, blank(c.tag()) ? null : c.tag(), ids, null);
        }
        if (d == null || count(d) != 1) {
            problems.add(at + ".device", "device is one of {topic: <level, from 0>}, {path: <field>} or {id: <a device "
                    + "or feed of the catalog>}");
            return null;
        }
        if (d.id() != null && !sources.containsKey(d.id())) {
            problems.add(at + ".device.id", "'" + d.id() + "' is not a device or feed of the catalog");
            return null;
        }
        if (d.topic() != null) {
            int levels = c.topic() == null ? 0 : c.topic().split("/", -1).length;
            if (type != Type.JSON || d.topic() < 0 || d.topic() >= levels || !"+".equals(c.topic().split("/", -1)[d.topic()])) {
                problems.add(at + ".device.topic", "level " + d.topic() + " of the topic must be a '+' (levels count from 0)");
                return null;
            }
        }
        return new DeviceRef(d.topic() == null ? -1 : d.topic(), d.path(), null, ids, d.id());
    }

    private static int count(CatalogLoader.RawDeviceRef d) {
        return (d.topic() == null ? 0 : 1) + (d.path() == null ? 0 : 1) + (d.id() == null ? 0 : 1);
    }

    private Map<String, ValueSpec> values(String at, Map<String, RawValue> raw, Source fixed) {
        Map<String, ValueSpec> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        raw.forEach((metric, v) -> {
            String where = at + ".values." + metric;
            if (!CatalogLoader.METRIC.matcher(metric).matches()) {
                problems.add(where, "metric names match " + CatalogLoader.METRIC.pattern());
            } else if (v == null || blank(v.path())) {
                problems.add(where, "path is required: where the value is in the record (a.b.c, items.0.value)");
            } else if (v.scale() != null && (!Double.isFinite(v.scale()) || v.scale() == 0)) {
                problems.add(where + ".scale", "scale is a finite number other than 0");
            } else if (fixed != null && !fixed.metrics().containsKey(metric)) {
                problems.add(where, "'" + metric + "' is not a metric of " + fixed.id() + " (" + fixed.metrics().keySet() + ")");
            } else if (fixed != null && v.unit() != null
                    && Units.converter(metric, v.unit(), fixed.metrics().get(metric).unit()).isEmpty()) {
                problems.add(where + ".unit", "no conversion from '" + v.unit() + "' to '" + fixed.metrics().get(metric).unit() + "'");
            } else {
                values.put(metric, new ValueSpec(v.path(), v.unit(), v.scale() == null ? 1 : v.scale()));
            }
        });
        return values;
    }

    private TimeSpec time(String at, CatalogLoader.RawTime t, ZoneId cityZone) {
        if (t == null) {
            return null;
        }
        if (blank(t.path())) {
            problems.add(at + ".path", "path is required: where the record's time is");
            return null;
        }
        ZoneId zone = cityZone;
        if (t.zone() != null) {
            try {
                zone = ZoneId.of(t.zone());
            } catch (DateTimeException e) {
                problems.add(at + ".zone", "unknown time zone '" + t.zone() + "'");
            }
        }
        String f = t.format() == null ? "iso" : t.format();
        TimeSpec.Format format = switch (f) {
            case "iso" -> TimeSpec.Format.ISO;
            case "epoch-s", "epoch-seconds" -> TimeSpec.Format.EPOCH_S;
            case "epoch-ms", "epoch-millis" -> TimeSpec.Format.EPOCH_MS;
            default -> TimeSpec.Format.PATTERN;
        };
        if (format == TimeSpec.Format.PATTERN) {
            try {
                DateTimeFormatter.ofPattern(f);
            } catch (IllegalArgumentException e) {
                problems.add(at + ".format", "format is iso, epoch-s, epoch-ms or a date-time pattern "
                        + "(yyyy-MM-dd HH:mm:ss), not '" + f + "': " + e.getMessage());
                return null;
            }
        }
        return new TimeSpec(t.path(), format, zone, format == TimeSpec.Format.PATTERN ? f : null);
    }

    private ConnectorSpec.Pull pull(String at, RawConnector c) {
        URI uri = null;
        try {
            uri = c.url() == null ? null : URI.create(c.url());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (uri == null || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
            problems.add(at + ".url", "url is required: http(s)://host/path");
        } else if (uri.getUserInfo() != null || (uri.getQuery() != null && uri.getQuery().matches("(?i).*(key|token|secret|pass).*"))) {
            problems.add(at + ".url", "a credential in the url would be in clear in the catalog: name a secret instead (auth, headers)");
        }
        Duration every = c.every() == null ? null : problems.duration(at + ".every", c.every()); // reports a bad one
        if (c.every() == null || every != null && every.toMillis() < 1000) {
            problems.add(at + ".every", "every is required: the polling cadence, at least 1s (60s, 5m)");
        }
        every = every == null || every.toMillis() < 1000 ? Duration.ofMinutes(1) : every;
        Duration timeout = c.timeout() == null ? Duration.ofSeconds(10) : problems.duration(at + ".timeout", c.timeout());
        String auth = c.auth() == null ? "none" : c.auth();
        if (!List.of("none", "bearer", "basic").contains(auth)) {
            problems.add(at + ".auth", "auth is none, bearer or basic (the credential is the connector's secret)");
        } else if (!"none".equals(auth) && blank(c.secret())) {
            problems.add(at + ".secret", "auth " + auth + " needs a secret: its name in PANTAU_CONNECTOR_SECRETS");
        }
        if ((c.watermark() == null) != (c.after() == null)) {
            problems.add(at + ".watermark", "watermark (the query parameter) and after (the record's path whose newest "
                    + "value it sends) go together");
        }
        return new ConnectorSpec.Pull(c.url(), every, timeout == null ? Duration.ofSeconds(10) : timeout, auth,
                c.headers() == null ? Map.of() : Map.copyOf(c.headers()), c.watermark(), c.after());
    }
}
