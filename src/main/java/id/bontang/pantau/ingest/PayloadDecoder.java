package id.bontang.pantau.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import id.bontang.pantau.reading.Identity;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a payload into samples. Two shapes are accepted on every telemetry and feed topic:
 * <ul>
 * <li>native JSON, {@code {"ts": "2026-11-22T08:15:00+08:00", "values": {"pm25": 38.2}}} (or an array of them),
 * {@code ts} being ISO-8601 with offset or epoch milliseconds;</li>
 * <li>SenML JSON (RFC 8428): an array of records with {@code bn, bt, bu, bv, n, u, v, t}; times in seconds,
 * values below 2^28 relative to now.</li>
 * </ul>
 * Decoding knows nothing of the catalog; {@link Validator} checks the samples.
 */
public final class PayloadDecoder {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // so that NaN gets its own reason, non-finite
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** The longest idempotency key a record may carry. */
    public static final int MAX_ID = 128;
    /** SenML: a resolved time below 2^28 s is relative to now. */
    private static final double SENML_RELATIVE = 268_435_456d;

    private PayloadDecoder() {
    }

    /** The mapper every payload is read with (duplicate keys refused, NaN read so that it gets its own reason). */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /** A parser's failure as the refusal of a payload that is not JSON, with where. */
    public static Rejected malformed(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        int cut = msg.indexOf(" (start marker at");
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new Rejected(Reason.MALFORMED_PAYLOAD, null, "not valid JSON" + where + ": "
                + abbreviate((cut > 0 ? msg.substring(0, cut) : msg).replace('\n', ' ')));
    }

    public static JsonNode parse(byte[] payload) throws Rejected {
        if (payload.length == 0) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, null, "the payload is empty");
        }
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, null, "not readable: " + e.getMessage());
        }
    }

    /** Decodes either shape. */
    public static List<Sample> decode(byte[] payload, Instant now) throws Rejected {
        JsonNode root = parse(payload);
        if (root.isObject()) {
            return decodeNative(root);
        }
        if (root.isArray() && !root.isEmpty()) {
            boolean nativeBatch = true;
            for (JsonNode n : root) {
                nativeBatch &= n.isObject() && n.has("values");
            }
            if (nativeBatch) {
                List<Sample> all = new ArrayList<>();
                for (JsonNode n : root) {
                    all.addAll(decodeNative(n));
                }
                return all;
            }
            return decodeSenml(root, now);
        }
        throw new Rejected(Reason.MALFORMED_PAYLOAD, null,
                "expected a JSON object {\"ts\":…,\"values\":{…}} or a SenML array of records");
    }

    /** A native record: {@code {"ts": …, "values": {metric: number, …}}}. */
    public static List<Sample> decodeNative(JsonNode record) throws Rejected {
        if (!record.isObject()) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, null, "a record must be a JSON object with 'values'");
        }
        JsonNode values = record.get("values");
        if (values == null || !values.isObject()) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, "values",
                    "'values' is required: an object mapping metric names to numbers");
        }
        if (values.isEmpty()) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, "values", "'values' is empty");
        }
        Instant time = timestamp(record.get("ts"));
        String id = id(record.get("id"));
        List<Sample> samples = new ArrayList<>(values.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Sample s = sample(e.getKey(), e.getValue(), time, null);
            samples.add(id == null ? s : new Sample(s.metric(), s.value(), s.invalid(), s.time(), s.unit(), id));
        }
        return samples;
    }

    /** The idempotency key: two records of one source with the same id are one event. */
    private static String id(JsonNode id) throws Rejected {
        if (id == null || id.isNull()) {
            return null;
        }
        String text = id.isTextual() ? id.asText() : "";
        if (text.isEmpty() || text.length() > MAX_ID || Identity.reserved(text)
                || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new Rejected(Reason.INVALID_ID, "id", "'id' is the record's idempotency key: a string of 1 to " + MAX_ID
                    + " characters, without control characters and not starting with '~' (Pantau's own), not "
                    + abbreviate(id.toString()));
        }
        return text;
    }

    private static Instant timestamp(JsonNode ts) throws Rejected {
        if (ts == null || ts.isNull()) {
            return null;
        }
        if (ts.isIntegralNumber()) {
            return Instant.ofEpochMilli(ts.asLong());
        }
        if (ts.isTextual()) {
            try {
                return OffsetDateTime.parse(ts.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new Rejected(Reason.INVALID_TIMESTAMP, "ts", "'ts' " + ts + " is not ISO-8601 with an offset"
                        + " (2026-11-22T08:15:00+08:00) nor epoch milliseconds");
            }
        }
        throw new Rejected(Reason.INVALID_TIMESTAMP, "ts",
                "'ts' must be an ISO-8601 string with an offset or an integer of epoch milliseconds, not " + ts);
    }

    private static Sample sample(String metric, JsonNode v, Instant time, String unit) {
        if (v != null && v.isNumber()) {
            return new Sample(metric, v.asDouble(), null, time, unit);
        }
        if (v != null && v.isTextual()) {
            String s = v.asText().trim();
            if (s.equalsIgnoreCase("nan") || s.matches("(?i)[+-]?inf(inity)?")) {
                return new Sample(metric, Double.NaN, null, time, unit);
            }
        }
        String what = v == null || v.isNull() ? "null" : v.isTextual() ? "a string " + v : v.isBoolean() ? "a boolean " + v
                : "an " + v.getNodeType().name().toLowerCase() + " " + abbreviate(v.toString());
        return new Sample(metric, Double.NaN, what, time, unit);
    }

    private static List<Sample> decodeSenml(JsonNode pack, Instant now) throws Rejected {
        List<Sample> samples = new ArrayList<>(pack.size());
        String baseName = "";
        double baseTime = 0;
        String baseUnit = null;
        double baseValue = 0;
        int i = 0;
        for (JsonNode r : pack) {
            String at = "record " + i++;
            if (!r.isObject()) {
                throw new Rejected(Reason.MALFORMED_PAYLOAD, null, "SenML " + at + " is not an object");
            }
            if (r.has("bn")) {
                baseName = text(r, "bn", at);
            }
            if (r.has("bt")) {
                baseTime = number(r, "bt", at);
            }
            if (r.has("bu")) {
                baseUnit = text(r, "bu", at);
            }
            if (r.has("bv")) {
                baseValue = number(r, "bv", at);
            }
            String name = r.has("n") ? text(r, "n", at) : "";
            if (name.isEmpty()) {
                throw new Rejected(Reason.MALFORMED_PAYLOAD, "n", "SenML " + at + " (base name '" + baseName
                        + "') has no 'n': the record's name is the metric");
            }
            double t = baseTime + (r.has("t") ? number(r, "t", at) : 0);
            Instant time = t == 0 ? null
                    : t < SENML_RELATIVE ? now.plusMillis(Math.round(t * 1000)) : Instant.ofEpochMilli(Math.round(t * 1000));
            String unit = r.has("u") ? text(r, "u", at) : baseUnit;
            JsonNode v = r.get("v");
            Sample sample;
            if (v == null && !r.has("bv")) {
                JsonNode other = r.has("vs") ? r.get("vs") : r.has("vb") ? r.get("vb") : r.has("vd") ? r.get("vd") : null;
                sample = other == null ? new Sample(name, Double.NaN, "no numeric value 'v'", time, unit)
                        : new Sample(name, Double.NaN, "a " + (r.has("vb") ? "boolean" : "string") + " value " + other, time, unit);
            } else if (v != null && !v.isNumber()) {
                sample = sample(name, v, time, unit);
            } else {
                sample = new Sample(name, baseValue + (v == null ? 0 : v.asDouble()), null, time, unit);
            }
            boolean relative = time != null && t < SENML_RELATIVE;
            samples.add(relative ? new Sample(sample.metric(), sample.value(), sample.invalid(), time, unit, null, true) : sample);
        }
        return samples;
    }

    private static String text(JsonNode r, String field, String at) throws Rejected {
        JsonNode n = r.get(field);
        if (!n.isTextual()) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, field, "SenML " + at + ": '" + field + "' must be a string");
        }
        return n.asText();
    }

    private static double number(JsonNode r, String field, String at) throws Rejected {
        JsonNode n = r.get(field);
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new Rejected(field.endsWith("t") ? Reason.INVALID_TIMESTAMP : Reason.MALFORMED_PAYLOAD, field,
                    "SenML " + at + ": '" + field + "' must be a finite number");
        }
        return n.asDouble();
    }

    public static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
