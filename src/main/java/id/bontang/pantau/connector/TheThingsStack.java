package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.ingest.Reason;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Translation.Translated;
import java.util.List;
import java.util.Map;

/**
 * The Things Stack v3 uplink messages by webhook: {@code end_device_ids{device_id, dev_eui}}, {@code correlation_ids}
 * (the {@code as:up:…} one is the uplink's identity), {@code received_at}, {@code uplink_message{f_cnt,
 * decoded_payload, rx_metadata[]}}. Its empty fields are left out of the JSON, so every field may be missing.
 */
final class TheThingsStack {

    private TheThingsStack() {
    }

    static Translated translate(ConnectorSpec c, Catalog catalog, JsonNode m, FrameCounters counters) throws Rejected {
        JsonNode up = m.path("uplink_message");
        if (!up.isObject()) {
            return new Translated(c.id(), Map.of(), List.of()); // a join, a location, a downlink event: no reading
        }
        JsonNode ids = m.path("end_device_ids");
        String identity = null;
        for (JsonNode id : m.path("correlation_ids")) {
            if (id.asText().startsWith("as:up:")) {
                identity = id.asText();
            }
        }
        var time = Lorawan.time(c.id(), up.path("received_at"), "uplink_message.received_at");
        if (time == null) {
            time = Lorawan.time(c.id(), m.path("received_at"), "received_at");
        }
        String devEui = ids.path("dev_eui").asText(null);
        String name = ids.path("device_id").asText(null);
        if (devEui == null && name == null) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, "end_device_ids", "connector " + c.id()
                    + ": no end_device_ids.dev_eui nor device_id: not a The Things Stack uplink");
        }
        String tag = c.device() != null && c.device().tag() != null ? name : null;
        return Lorawan.translate(c, catalog, new Lorawan.Uplink(devEui, name, tag, identity, time,
                up.path("f_cnt").asLong(up.has("f_port") ? 0 : -1), up.path("decoded_payload"),
                Lorawan.best(up.path("rx_metadata"), "rssi"), Lorawan.best(up.path("rx_metadata"), "snr")), counters);
    }
}
