package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.ConnectorSpec.ValueSpec;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.ingest.Reason;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Sample;
import id.bontang.pantau.ingest.Translation.Refused;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A record's values as samples of one source. With {@code values} declared, each of the source's metrics is read at
 * its path (scaled, in its unit); a metric the source lacks is another kind's and passes it by. Without, every number
 * of the decoded payload is taken under its name ({@code water.level} as {@code water_level}), and the validation
 * refuses those that are not the source's metrics, as for Pantau's own JSON.
 */
final class Values {

    private Values() {
    }

    /**
     * @param decoded the decoded payload (ChirpStack's {@code object}), or the whole record (vendor JSON, pull)
     * @param id      the record's identity, or null
     */
    static void read(ConnectorSpec c, Source source, JsonNode decoded, Instant time, String id, List<Sample> into,
            List<Refused> refused) {
        if (c.values().isEmpty()) {
            if (decoded.isObject()) {
                leaves(decoded, "", time, id, into);
            } else if (!decoded.isMissingNode()) {
                refused.add(new Refused(source.id(), new Rejected(Reason.MALFORMED_PAYLOAD, "object", "connector " + c.id()
                        + ": the decoded payload is " + Times.abbreviate(decoded.toString()) + ", not an object of values")));
            }
            return;
        }
        for (Map.Entry<String, ValueSpec> e : c.values().entrySet()) {
            if (!source.metrics().containsKey(e.getKey())) {
                continue;
            }
            ValueSpec v = e.getValue();
            JsonNode n = JsonPaths.at(decoded, v.path());
            if (n.isMissingNode()) {
                refused.add(new Refused(source.id(), new Rejected(Reason.MISSING_VALUE, e.getKey(), "connector " + c.id()
                        + ": no value for " + e.getKey() + " at " + v.path())));
                continue;
            }
            double value = n.isNumber() ? n.asDouble() : number(n.asText());
            if (!n.isNumber() && !n.isTextual() || Double.isNaN(value) && !"nan".equalsIgnoreCase(n.asText().trim())) {
                refused.add(new Refused(source.id(), new Rejected(Reason.NOT_A_NUMBER, e.getKey(), "connector " + c.id()
                        + ": " + e.getKey() + " at " + v.path() + " is " + Times.abbreviate(n.toString()) + ", not a number")));
                continue;
            }
            into.add(new Sample(e.getKey(), value * v.scale(), null, time, v.unit(), id));
        }
    }

    /** A number written as text ("38.2"), as vendors and agency APIs often do; NaN when it is none. */
    private static double number(String text) {
        java.util.regex.Matcher m = NUMBER_WITH_UNIT.matcher(text);
        return m.matches() ? Double.parseDouble(m.group(1).replace(',', '.')) : Double.NaN;
    }

    /** "38.2", "5,1", "10 km": a number, possibly followed by its unit's word (the connector's unit says which). */
    private static final java.util.regex.Pattern NUMBER_WITH_UNIT =
            java.util.regex.Pattern.compile("\\s*([-+]?[0-9]+(?:[.,][0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*[\\p{L}%°/]*\\s*");

    private static void leaves(JsonNode node, String prefix, Instant time, String id, List<Sample> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = prefix + f.getKey().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            if (f.getValue().isObject()) {
                leaves(f.getValue(), name + "_", time, id, into);
            } else if (f.getValue().isNumber()) {
                into.add(new Sample(name, f.getValue().asDouble(), null, time, null, id));
            }
        }
    }
}
