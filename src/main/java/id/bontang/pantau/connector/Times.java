package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.ConnectorSpec.TimeSpec;
import id.bontang.pantau.ingest.Reason;
import id.bontang.pantau.ingest.Rejected;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A record's time as its connector says it is written: ISO-8601 with or without offset, epoch s or ms, a pattern. */
final class Times {

    private Times() {
    }

    /** The time at {@code spec}'s path, or null when the connector names none (the receive time is used). */
    static Instant of(String connector, JsonNode record, TimeSpec spec) throws Rejected {
        if (spec == null) {
            return null;
        }
        JsonNode t = JsonPaths.at(record, spec.path());
        if (t.isMissingNode()) {
            throw new Rejected(Reason.INVALID_TIMESTAMP, spec.path(), "connector " + connector + ": no time at " + spec.path());
        }
        try {
            return switch (spec.format()) {
                case EPOCH_S -> epoch(t, 1000);
                case EPOCH_MS -> epoch(t, 1);
                case ISO -> iso(t.asText(), spec);
                case PATTERN -> LocalDateTime.parse(t.asText(), DateTimeFormatter.ofPattern(spec.pattern())).atZone(spec.zone()).toInstant();
            };
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new Rejected(Reason.INVALID_TIMESTAMP, spec.path(), "connector " + connector + ": the time at " + spec.path()
                    + " is " + abbreviate(t.toString()) + ", not " + expected(spec));
        }
    }

    /** ISO-8601: with an offset as written, without one in the connector's zone (the city's unless it says). */
    static Instant iso(String text, TimeSpec spec) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text.replace(' ', 'T')).atZone(spec.zone()).toInstant();
        }
    }

    private static Instant epoch(JsonNode t, long millisPerUnit) {
        String text = t.isNumber() ? null : t.asText().trim();
        if (text != null && text.length() > 24) {
            throw new NumberFormatException("too long");
        }
        BigDecimal v = t.isNumber() ? t.decimalValue() : new BigDecimal(text);
        if (v.precision() - v.scale() > 16) { // beyond any epoch time, and "1e600000000" must not be expanded
            throw new ArithmeticException("out of range");
        }
        return Instant.ofEpochMilli(v.multiply(BigDecimal.valueOf(millisPerUnit)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    private static String expected(TimeSpec spec) {
        return switch (spec.format()) {
            case EPOCH_S -> "epoch seconds";
            case EPOCH_MS -> "epoch milliseconds";
            case ISO -> "ISO-8601 (2026-12-07T10:15:00+08:00, or without an offset in " + spec.zone() + ")";
            case PATTERN -> "'" + spec.pattern() + "' in " + spec.zone();
        };
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
