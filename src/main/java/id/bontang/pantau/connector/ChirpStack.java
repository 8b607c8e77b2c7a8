package id.bontang.pantau.connector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.DeviceHealth;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.ingest.PayloadDecoder;
import id.bontang.pantau.ingest.Reason;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Sample;
import id.bontang.pantau.ingest.Translation.Translated;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ChirpStack v4's MQTT integration (JSON): {@code event/up} ({@code integration.UplinkEvent}: deduplicationId, time,
 * deviceInfo{devEui, deviceName, tags}, fCnt, object, rxInfo[]) and {@code event/status} (batteryLevel). Other events
 * (join, ack, txack, log, location, integration) carry no reading and are passed by.
 *
 * <p>Read as a stream: an uplink is mostly metadata (gateways, radio settings, contexts), which is skipped rather than
 * built into a tree; only the codec's {@code object} and the device's tags become nodes. That keeps an uplink's cost
 * near that of Pantau's own JSON per value ({@code DecodeBenchmark}, docs/benchmarks.md).
 */
final class ChirpStack {

    /** What Pantau reads of an event; the rest is skipped. */
    private static final class Event {
        String dedup;
        String time;
        String devEui;
        String name;
        JsonNode tags = MissingNode.getInstance();
        long fCnt = -1;
        JsonNode object = MissingNode.getInstance();
        double rssi = Double.NEGATIVE_INFINITY;
        double snr = Double.NEGATIVE_INFINITY;
        String nsTime;
        double battery = Double.NaN;
        boolean batteryUnavailable;
    }

    /** The fields read as objects or arrays; every other field read is a scalar. */
    private static final java.util.Set<String> STRUCTURED = java.util.Set.of("object", "deviceInfo", "rxInfo", "tags");

    private ChirpStack() {
    }

    static Translated translate(ConnectorSpec c, Catalog catalog, String topic, byte[] payload, Instant now,
            FrameCounters counters) throws Rejected {
        Event e = read(payload, c.device() != null && c.device().tag() != null);
        String event = topic.substring(topic.lastIndexOf('/') + 1);
        boolean status = "status".equals(event) || !"up".equals(event) && !Double.isNaN(e.battery);
        if (!status && !"up".equals(event) && e.fCnt < 0) {
            return new Translated(c.id(), Map.of(), List.of());
        }
        if (e.devEui == null) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, "deviceInfo.devEui", "connector " + c.id()
                    + ": no deviceInfo.devEui: not a ChirpStack v4 event (JSON encoding)");
        }
        Instant time = Lorawan.time(c.id(), e.time == null ? MissingNode.getInstance() : TextNode.valueOf(e.time), "time");
        if (time == null && e.nsTime != null) {
            time = Lorawan.time(c.id(), TextNode.valueOf(e.nsTime), "rxInfo.0.nsTime");
        }
        String tag = c.device() == null || c.device().tag() == null ? null : text(e.tags.path(c.device().tag()));
        Lorawan.Uplink u = new Lorawan.Uplink(e.devEui, e.name, tag, e.dedup, time, e.fCnt, e.object, e.rssi, e.snr);
        if (!status) {
            return Lorawan.translate(c, catalog, u, counters);
        }
        Source device = Lorawan.device(c, catalog, e.devEui, e.name, tag);
        List<Sample> samples = new ArrayList<>();
        if (!e.batteryUnavailable && !Double.isNaN(e.battery)) {
            Lorawan.add(device, DeviceHealth.BATTERY, e.battery, u, samples);
        }
        return new Translated(c.id(), Map.of(device.id(), samples), List.of());
    }

    /** @param tags whether the device's tags are needed (the connector finds devices by a tag) */
    private static Event read(byte[] payload, boolean tags) throws Rejected {
        if (payload.length == 0) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, null, "the payload is empty");
        }
        Event e = new Event();
        try (JsonParser p = PayloadDecoder.mapper().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Rejected(Reason.MALFORMED_PAYLOAD, null, "a ChirpStack event is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (t.isStructStart() && !STRUCTURED.contains(field)) {
                    p.skipChildren(); // an object where a scalar belongs: passed by whole, the parser keeps its place
                    continue;
                }
                switch (field) {
                    case "deduplicationId" -> e.dedup = text(p, t);
                    case "time" -> e.time = text(p, t);
                    case "fCnt" -> e.fCnt = t.isNumeric() ? p.getLongValue() : -1;
                    case "object" -> e.object = tree(p, t);
                    case "batteryLevel" -> e.battery = t.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case "batteryLevelUnavailable" -> e.batteryUnavailable = t == JsonToken.VALUE_TRUE;
                    case "deviceInfo" -> deviceInfo(p, t, e, tags);
                    case "rxInfo" -> rxInfo(p, t, e);
                    default -> p.skipChildren();
                }
            }
            p.nextToken(); // past the end: trailing garbage is an error, as for any payload
        } catch (JsonProcessingException x) {
            throw PayloadDecoder.malformed(x);
        } catch (IOException x) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, null, "not readable: " + x.getMessage());
        }
        return e;
    }

    private static void deviceInfo(JsonParser p, JsonToken t, Event e, boolean tags) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (v.isStructStart() && !STRUCTURED.contains(field)) {
                p.skipChildren();
                continue;
            }
            switch (field) {
                case "devEui" -> e.devEui = text(p, v);
                case "deviceName" -> e.name = text(p, v);
                case "tags" -> {
                    if (tags) {
                        e.tags = tree(p, v);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    /** The best rssi and snr among the gateways that heard it, and the first gateway's nsTime. */
    private static void rxInfo(JsonParser p, JsonToken t, Event e) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        for (JsonToken g = p.nextToken(); g != null && g != JsonToken.END_ARRAY; g = p.nextToken()) {
            if (g != JsonToken.START_OBJECT) {
                p.skipChildren(); // not a gateway's object: passed by
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (v.isStructStart()) {
                    p.skipChildren();
                } else if (v.isNumeric() && field.equals("rssi")) {
                    e.rssi = Math.max(e.rssi, p.getDoubleValue());
                } else if (v.isNumeric() && field.equals("snr")) {
                    e.snr = Math.max(e.snr, p.getDoubleValue());
                } else if (field.equals("nsTime") && e.nsTime == null) {
                    e.nsTime = text(p, v);
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    /**
     * The value at the parser as a tree, built here: ObjectMapper's own tree reading sets up a deserialization context
     * for each value, which cost more than the values themselves.
     */
    static JsonNode tree(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    o.set(name, tree(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    a.add(tree(p, v));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.INT ? f.numberNode(p.getIntValue())
                        : p.getNumberType() == JsonParser.NumberType.LONG ? f.numberNode(p.getLongValue())
                                : f.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return f.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            default -> {
                return f.nullNode();
            }
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING && p.getTextLength() > 0 ? p.getText() : null;
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
