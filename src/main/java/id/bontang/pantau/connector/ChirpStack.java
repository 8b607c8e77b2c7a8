package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.DeviceHealth;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.ingest.Reason;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Sample;
import id.bontang.pantau.ingest.Translation.Translated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ChirpStack v4's MQTT integration (JSON): {@code event/up} ({@code integration.UplinkEvent}: deduplicationId, time,
 * deviceInfo{devEui, deviceName, tags}, fCnt, object, rxInfo[]) and {@code event/status} (batteryLevel). Other events
 * (join, ack, txack, log, location, integration) carry no reading and are passed by.
 */
final class ChirpStack {

    private ChirpStack() {
    }

    static Translated translate(ConnectorSpec c, Catalog catalog, String topic, JsonNode m, Instant now,
            FrameCounters counters) throws Rejected {
        String event = topic.substring(topic.lastIndexOf('/') + 1);
        boolean status = "status".equals(event) || !"up".equals(event) && m.has("batteryLevel");
        if (!status && !"up".equals(event) && !m.has("fCnt")) {
            return new Translated(c.id(), Map.of(), List.of());
        }
        JsonNode info = m.path("deviceInfo");
        String devEui = text(info.path("devEui"));
        if (devEui == null) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, "deviceInfo.devEui", "connector " + c.id()
                    + ": no deviceInfo.devEui: not a ChirpStack v4 event (JSON encoding)");
        }
        String id = text(m.path("deduplicationId"));
        Instant time = Lorawan.time(c.id(), m.path("time"), "time");
        if (time == null && m.path("rxInfo").path(0).has("nsTime")) {
            time = Lorawan.time(c.id(), m.path("rxInfo").path(0).path("nsTime"), "rxInfo.0.nsTime");
        }
        String tag = c.device() == null || c.device().tag() == null ? null : text(info.path("tags").path(c.device().tag()));
        Lorawan.Uplink u = new Lorawan.Uplink(devEui, text(info.path("deviceName")), tag, id, time,
                m.path("fCnt").asLong(-1), m.path("object"), m.path("rxInfo"));
        if (!status) {
            return Lorawan.translate(c, catalog, u, counters);
        }
        Source device = Lorawan.device(c, catalog, devEui, u.name(), tag);
        List<Sample> samples = new ArrayList<>();
        if (!m.path("batteryLevelUnavailable").asBoolean(false) && m.path("batteryLevel").isNumber()) {
            Lorawan.add(device, DeviceHealth.BATTERY, m.path("batteryLevel").asDouble(), u, samples);
        }
        return new Translated(c.id(), Map.of(device.id(), samples), List.of());
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
