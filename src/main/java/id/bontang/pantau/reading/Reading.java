package id.bontang.pantau.reading;

import java.time.Instant;

/**
 * One accepted value: the type every feature shares. {@code source} is a device id or, for agency
 * feeds, the feed id (the database stores both in {@code device_id}). The value is already in the
 * catalog unit of the metric.
 *
 * <p>When two readings are one event: {@link Identity}.
 *
 * @param increment whether the metric is an increment (the catalog says), so that every record counts
 * @param event     the record's idempotency key ({@code id}), or null
 * @param stamped   whether {@code time} is the receive time because the record gave none
 */
public record Reading(String source, String metric, Instant time, double value, String unit, boolean increment,
        String event, boolean stamped) {

    /** The metric under which device status messages ({@code online}/{@code offline}) are kept: 1 or 0. */
    public static final String ONLINE = "online";

    /** A state with its own time. */
    public Reading(String source, String metric, Instant time, double value, String unit) {
        this(source, metric, time, value, unit, false, null, false);
    }

    /** A series, for the latest value of a state. */
    public record Key(String source, String metric) {
    }

    public Reading withTime(Instant t) {
        return new Reading(source, metric, t, value, unit, increment, event, stamped);
    }

    public Reading withEvent(String e) {
        return new Reading(source, metric, time, value, unit, increment, e, stamped);
    }
}
