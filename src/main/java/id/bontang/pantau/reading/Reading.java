package id.bontang.pantau.reading;

import java.time.Instant;

/**
 * One accepted value: the type every feature shares. {@code source} is a device id or, for agency
 * feeds, the feed id (the database stores both in {@code device_id}). The value is already in the
 * catalog unit of the metric.
 */
public record Reading(String source, String metric, Instant time, double value, String unit) {

    /** The metric under which device status messages ({@code online}/{@code offline}) are kept: 1 or 0. */
    public static final String ONLINE = "online";

    /** Identity of a reading for idempotency: the same source, metric and event time is the same reading. */
    public record Key(String source, String metric, long epochMillis) {
    }

    public Key key() {
        return new Key(source, metric, time.toEpochMilli());
    }
}
