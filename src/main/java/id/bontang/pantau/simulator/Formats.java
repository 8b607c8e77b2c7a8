package id.bontang.pantau.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.ConnectorSpec.TimeSpec;
import id.bontang.pantau.catalog.ConnectorSpec.ValueSpec;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.catalog.Units;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * How the simulator writes a source's values: in the shape its connector reads (a ChirpStack uplink for a device with
 * a devEui, a vendor's JSON for a device in a JSON connector's table), else in Pantau's own JSON. Sources of a pull
 * feed are not published: the simulator serves their endpoint ({@link BmkgEndpoint}).
 */
final class Formats {

    /** A message to publish (a null topic: none, an uplink lost in the air), and one to publish after it, or null. */
    record Message(String topic, String payload, Message then) {
        Message(String topic, String payload) {
            this(topic, payload, null);
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Formats() {
    }

    /** @return null when the source is polled, not published */
    static Message render(Catalog catalog, Source s, Map<String, Double> values, long t, long interval, boolean events) {
        String devEui = catalog.devEuis().entrySet().stream().filter(e -> e.getValue().equals(s.id())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        for (ConnectorSpec c : catalog.connectors()) {
            if (c.type() == ConnectorSpec.Type.PULL && c.device() != null && s.id().equals(c.device().fixed())) {
                return null;
            }
            if (c.type() == ConnectorSpec.Type.CHIRPSTACK && devEui != null && !c.topics().isEmpty()) {
                return chirpstack(c, catalog, s, devEui, values, t, interval);
            }
            if (c.type() == ConnectorSpec.Type.JSON && c.device() != null && c.device().ids().containsValue(s.id())
                    && c.records() == null) {
                return vendor(c, catalog, s, values, t);
            }
        }
        return own(catalog, s, values, t, events);
    }

    private static Message own(Catalog catalog, Source s, Map<String, Double> values, long t, boolean events) {
        // A record of events carries an id made of its source and time: replaying the same hour (the start-up
        // backfill after a restart) repeats the same events, which Pantau then recognises instead of counting twice.
        StringJoiner json = new StringJoiner(",", "{\"ts\":\"" + OffsetDateTime.ofInstant(Instant.ofEpochMilli(t),
                catalog.zone()) + "\"" + (events ? ",\"id\":\"sim-" + s.id() + "-" + t + "\"" : "") + ",\"values\":{", "}}");
        values.forEach((metric, v) -> json.add("\"" + metric + "\":" + (v == Math.rint(v) ? Long.toString(v.longValue())
                : Double.toString(v))));
        return new Message(s.isFeed() ? "pantau/v1/feeds/" + s.id() : "pantau/v1/devices/" + s.id() + "/telemetry",
                json.toString());
    }

    /** An {@code event/up} as ChirpStack v4 writes it; the frame counter counts the slots, and one in 40 is lost. */
    private static Message chirpstack(ConnectorSpec c, Catalog catalog, Source s, String devEui, Map<String, Double> values,
            long t, long interval) {
        ObjectNode up = JSON.objectNode();
        up.put("deduplicationId", UUID.nameUUIDFromBytes((s.id() + "/" + t).getBytes(StandardCharsets.UTF_8)).toString());
        up.put("time", Instant.ofEpochMilli(t).toString());
        ObjectNode info = up.putObject("deviceInfo");
        info.put("tenantName", catalog.city()).put("applicationId", "bontang-sim").put("applicationName", s.kind())
                .put("deviceProfileName", s.kind() + " (simulated)").put("deviceName", s.id()).put("devEui", devEui);
        info.putObject("tags").put("pantau", s.id());
        long slot = t / Math.max(1, interval);
        up.put("fCnt", slot % 1_000_000).put("fPort", 2).put("confirmed", false).put("data", "AQI=");
        ObjectNode object = up.putObject("object");
        mapped(c, s, values, object);
        int wobble = (int) Math.floorMod(slot * 7919, 11);
        up.putArray("rxInfo").addObject().put("gatewayId", "0016c001f153a14c").put("rssi", -95 - wobble)
                .put("snr", 8.5 - wobble * 0.75).put("channel", 2);
        if (Math.floorMod(slot * 2654435761L, 40) == 0) {
            return new Message(null, null); // lost in the air: the next uplink's frame counter tells
        }
        String topic = c.topics().get(0).replaceFirst("^application/\\+", "application/bontang-sim")
                .replaceFirst("/device/\\+", "/device/" + devEui).replaceFirst("/\\+$", "/up").replace("#", "up");
        Message status = null;
        if (Math.floorMod(slot, 30) == 0 && topic.endsWith("/up")) {
            // Now and then a status event: the battery, a percent lower each simulated day
            ObjectNode event = JSON.objectNode();
            event.put("deduplicationId", UUID.nameUUIDFromBytes((s.id() + "/status/" + t).getBytes(StandardCharsets.UTF_8)).toString());
            event.put("time", Instant.ofEpochMilli(t).toString());
            event.set("deviceInfo", info.deepCopy());
            event.put("margin", 9).put("externalPowerSource", false).put("batteryLevelUnavailable", false)
                    .put("batteryLevel", 95 - Math.floorMod(t / 86_400_000L, 60));
            status = new Message(topic.substring(0, topic.length() - 2) + "status", event.toString());
        }
        return new Message(topic, up.toString(), status);
    }

    /** The vendor's JSON: each value at its path, in its unit, with the time as the connector reads it. */
    private static Message vendor(ConnectorSpec c, Catalog catalog, Source s, Map<String, Double> values, long t) {
        String theirs = c.device().ids().entrySet().stream().filter(e -> e.getValue().equals(s.id())).map(Map.Entry::getKey)
                .findFirst().orElse(s.id());
        ObjectNode record = JSON.objectNode();
        if (c.device().path() != null) {
            put(record, c.device().path(), theirs);
        }
        TimeSpec time = c.time();
        if (time != null) {
            Instant at = Instant.ofEpochMilli(t);
            switch (time.format()) {
                case EPOCH_S -> put(record, time.path(), t / 1000);
                case EPOCH_MS -> put(record, time.path(), t);
                case ISO -> put(record, time.path(), OffsetDateTime.ofInstant(at, time.zone()).toString());
                case PATTERN -> put(record, time.path(), LocalDateTime.ofInstant(at, time.zone())
                        .format(DateTimeFormatter.ofPattern(time.pattern())));
                default -> {
                }
            }
        }
        mapped(c, s, values, record);
        String[] levels = c.topics().get(0).split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            levels[i] = i == c.device().level() ? theirs : levels[i].equals("+") || levels[i].equals("#") ? "sim" : levels[i];
        }
        return new Message(String.join("/", levels), record.toString());
    }

    /** Each value at its connector's path, turned back into the connector's unit and scale. */
    private static void mapped(ConnectorSpec c, Source s, Map<String, Double> values, ObjectNode into) {
        values.forEach((metric, v) -> {
            ValueSpec spec = c.values().get(metric);
            if (spec == null) {
                if (c.values().isEmpty()) {
                    into.put(metric, v);
                }
                return;
            }
            String unit = spec.unit() == null ? s.metrics().get(metric).unit() : spec.unit();
            Units.converter(metric, s.metrics().get(metric).unit(), unit).ifPresent(back -> put(into, spec.path(),
                    Math.round(back.applyAsDouble(v) / spec.scale() * 1000) / 1000.0));
        });
    }

    private static void put(ObjectNode root, String path, Object value) {
        String[] steps = path.split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < steps.length - 1; i++) {
            n = n.has(steps[i]) && n.get(steps[i]).isObject() ? (ObjectNode) n.get(steps[i]) : n.putObject(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (value instanceof Double d) {
            n.put(last, d);
        } else if (value instanceof Long l) {
            n.put(last, l);
        } else {
            n.put(last, value.toString());
        }
    }
}
