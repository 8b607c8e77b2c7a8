package id.bontang.pantau.ingest;

import java.time.Instant;

/**
 * One value as the payload states it, before validation against the catalog.
 *
 * @param value   the number, possibly NaN or infinite (refused later as non-finite)
 * @param invalid what stands in the payload instead of a number ({@code a string "abc"}), or null
 * @param time    the event time, or null when the payload gives none (the receive time is used)
 * @param unit    the unit the payload names (SenML {@code u}), or null for the source's own unit
 * @param id      the record's idempotency key (native {@code "id"}), or null
 * @param relative whether {@code time} was reckoned from the receive time (SenML's relative times)
 */
public record Sample(String metric, double value, String invalid, Instant time, String unit, String id, boolean relative) {

    public Sample(String metric, double value, String invalid, Instant time, String unit, String id) {
        this(metric, value, invalid, time, unit, id, false);
    }

    public Sample(String metric, double value, String invalid, Instant time, String unit) {
        this(metric, value, invalid, time, unit, null, false);
    }

    /** Whether the payload gave this value a time of its own, independent of when it was received. */
    public boolean ownTime() {
        return time != null && !relative;
    }
}
