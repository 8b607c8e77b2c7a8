package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bontang.pantau.catalog.ConnectorSpec;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A pull feed's watermark: the newest value at the connector's {@code after} path among the records taken (a time, a
 * number or a text), kept in the database. Records at or below it were taken before; an overlapping page loses them
 * here, and what passes is stored once by its identity anyway.
 */
final class Watermarks {

    /** What is left of an answer, and the newest watermark among it. */
    record Kept(JsonNode json, String newest, int dropped) {
    }

    private Watermarks() {
    }

    static Kept keep(ConnectorSpec c, JsonNode root, String watermark) {
        String after = c.pull().after();
        if (after == null) {
            return new Kept(root, watermark, 0);
        }
        JsonNode list = c.records() == null ? root : JsonPaths.at(root, c.records());
        if (!list.isArray()) {
            String v = value(list, after);
            boolean keep = v == null || newer(v, watermark);
            return new Kept(keep ? root : empty(c, root), keep && v != null && !ahead(v) ? v : watermark, keep ? 0 : 1);
        }
        ArrayNode kept = ((ArrayNode) list).arrayNode();
        String newest = watermark;
        int dropped = 0;
        for (JsonNode r : list) {
            String v = value(r, after);
            if (v != null && !newer(v, watermark)) {
                dropped++;
                continue;
            }
            kept.add(r);
            if (v != null && newer(v, newest) && !ahead(v)) {
                newest = v;
            }
        }
        return new Kept(replace(c, root, kept), newest, dropped);
    }

    /**
     * A time more than five minutes ahead (a device's clock, a typo): its record is refused as from the future, and the
     * watermark must not leap there, or every record until then would be dropped.
     */
    private static boolean ahead(String v) {
        try {
            return OffsetDateTime.parse(v).toInstant().isAfter(java.time.Instant.now().plusSeconds(300));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String value(JsonNode record, String path) {
        JsonNode n = JsonPaths.at(record, path);
        return n.isValueNode() ? n.asText() : null;
    }

    private static JsonNode empty(ConnectorSpec c, JsonNode root) {
        return replace(c, root, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());
    }

    private static JsonNode replace(ConnectorSpec c, JsonNode root, ArrayNode records) {
        if (c.records() == null) {
            return records;
        }
        JsonNode copy = root.deepCopy();
        int dot = c.records().lastIndexOf('.');
        JsonNode parent = dot < 0 ? copy : JsonPaths.at(copy, c.records().substring(0, dot));
        if (parent instanceof ObjectNode o) {
            o.set(c.records().substring(dot + 1), records);
        }
        return copy;
    }

    /**
     * Whether {@code v} is to be taken after {@code mark} (null: nothing yet): as numbers or text, when it is greater; as
     * times, when it is not earlier, since several records may share a time and a page may end among them (those taken
     * already are recognised by their identity and time when they come again).
     */
    static boolean newer(String v, String mark) {
        if (mark == null) {
            return true;
        }
        try {
            return !OffsetDateTime.parse(v).toInstant().isBefore(OffsetDateTime.parse(mark).toInstant());
        } catch (DateTimeParseException e) {
            // not times
        }
        try {
            return new BigDecimal(v).compareTo(new BigDecimal(mark)) > 0;
        } catch (NumberFormatException e) {
            return v.compareTo(mark) > 0;
        }
    }
}
