package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.ConnectorSpec.DeviceRef;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.ingest.Reason;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Sample;
import id.bontang.pantau.ingest.Translation.Refused;
import id.bontang.pantau.ingest.Translation.Translated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vendor's JSON (on its MQTT topic) or a pull feed's answer: one record, or an array of them (at {@code records}),
 * each of one source (from the topic, a field, or the connector), with its values, time and identity at the
 * connector's paths. A record that cannot be read is refused with its reason; the other records still land.
 */
final class Records {

    private Records() {
    }

    /** @param topic the MQTT topic, or null (a pull feed) */
    static Translated translate(ConnectorSpec c, Catalog catalog, String topic, JsonNode root) throws Rejected {
        JsonNode list = c.records() == null ? root : JsonPaths.at(root, c.records());
        if (list.isMissingNode()) {
            throw new Rejected(Reason.MISSING_VALUE, c.records(), "connector " + c.id() + ": no records at " + c.records());
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        List<Refused> refused = new ArrayList<>();
        int i = 0;
        for (JsonNode record : list.isArray() ? list : List.of(list)) {
            String at = list.isArray() ? "record " + i++ + ": " : "";
            Source source = null;
            try {
                source = source(c, catalog, topic, record, at);
                Instant time = Times.of(c.id(), record, c.time());
                String id = identity(c, record);
                List<Sample> into = samples.computeIfAbsent(source.id(), k -> new ArrayList<>());
                Values.read(c, source, record, time, id, into, refused);
            } catch (Rejected r) {
                refused.add(new Refused(source == null ? null : source.id(), at.isEmpty() ? r
                        : new Rejected(r.reason(), r.field(), at + r.getMessage())));
            }
        }
        return new Translated(c.id(), samples, refused);
    }

    private static Source source(ConnectorSpec c, Catalog catalog, String topic, JsonNode record, String at) throws Rejected {
        DeviceRef d = c.device();
        String theirs;
        if (d.fixed() != null) {
            theirs = d.fixed();
        } else if (d.level() >= 0) {
            theirs = topic.split("/", -1)[d.level()];
        } else {
            JsonNode n = JsonPaths.at(record, d.path());
            theirs = n.isValueNode() ? n.asText() : null;
            if (theirs == null) {
                throw new Rejected(Reason.MISSING_VALUE, d.path(), "connector " + c.id() + ": no device at " + d.path());
            }
        }
        // With a table of ids, the connector reaches only the sources in it: its login cannot write for another device
        String ours = d.ids().isEmpty() || d.fixed() != null ? theirs : d.ids().get(theirs);
        Source s = ours == null ? null : catalog.sources().get(ours);
        if (s == null) {
            throw new Rejected(Reason.UNKNOWN_DEVICE, d.path() == null ? "device" : d.path(), "connector " + c.id() + ": '"
                    + Times.abbreviate(theirs) + "' is " + (d.ids().isEmpty() ? "no device or feed of the catalog"
                            : "not one of the connector's ids " + d.ids().keySet()));
        }
        return s;
    }

    private static String identity(ConnectorSpec c, JsonNode record) throws Rejected {
        if (c.identity() == null) {
            return null;
        }
        JsonNode n = JsonPaths.at(record, c.identity());
        String id = n.isValueNode() ? n.asText() : "";
        if (id.isEmpty() || id.length() > 128 || id.startsWith("~")) {
            throw new Rejected(Reason.INVALID_ID, c.identity(), "connector " + c.id() + ": the identity at " + c.identity()
                    + " is " + Times.abbreviate(n.toString()) + ", not a text of 1 to 128 characters");
        }
        return id;
    }
}
