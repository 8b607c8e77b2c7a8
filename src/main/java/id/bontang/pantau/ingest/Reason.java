package id.bontang.pantau.ingest;

import java.util.Locale;

/** Why a message or a value was refused: the {@code reason} tag of {@code pantau_ingest_rejected_total}. */
public enum Reason {
    /** The topic is not one of the contract's (pantau/v1/devices/{id}/telemetry|status, pantau/v1/feeds/{id}). */
    UNKNOWN_TOPIC,
    /** Larger than pantau.ingest.max-payload-size. */
    PAYLOAD_TOO_LARGE,
    /** Not JSON, or JSON of neither accepted shape (native record, SenML pack). */
    MALFORMED_PAYLOAD,
    UNKNOWN_DEVICE,
    UNKNOWN_FEED,
    /** A metric the catalog does not list for that device or feed. */
    UNKNOWN_METRIC,
    /** A string, boolean, object or null where a number belongs. */
    NOT_A_NUMBER,
    /** NaN or ±Infinity. */
    NON_FINITE,
    /** Outside the catalog's plausible range for the metric (a negative concentration, say). */
    OUT_OF_RANGE,
    /** A SenML unit that is neither the catalog unit nor convertible to it. */
    WRONG_UNIT,
    /** An {@code id} that is not a string of 1 to 128 characters. */
    INVALID_ID,
    /** A timestamp that cannot be read (ISO-8601 with offset, or epoch milliseconds). */
    INVALID_TIMESTAMP,
    /** More than pantau.ingest.max-future ahead of the server's clock. */
    FUTURE_TIMESTAMP,
    /** Older than the retention period. */
    EXPIRED_TIMESTAMP,
    /** A status message other than {@code online} or {@code offline}. */
    INVALID_STATUS,
    /** A connector's path that holds no value in the message (docs/catalog.md, "Connectors"). */
    MISSING_VALUE,
    /** An HTTP feed request without the feed's API key. */
    UNAUTHORIZED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
