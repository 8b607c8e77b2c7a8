package id.bontang.pantau.ingest;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.MetricSpec;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.catalog.Units;
import id.bontang.pantau.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleUnaryOperator;

/** Checks a decoded sample against the catalog and turns it into a {@link Reading} in the catalog unit. */
public final class Validator {

    private final Duration maxFuture;
    private final Duration retention;

    public Validator(Duration maxFuture, Duration retention) {
        this.maxFuture = maxFuture;
        this.retention = retention;
    }

    /** The time a reading is taken to have: its own, or the receive time; checked against the clock. */
    public Instant time(Instant stated, Instant now) throws Rejected {
        if (stated == null) {
            return now;
        }
        if (stated.isAfter(now.plus(maxFuture))) {
            throw new Rejected(Reason.FUTURE_TIMESTAMP, "ts", "timestamp " + stated + " is more than "
                    + maxFuture.toMinutes() + " min ahead of the server's clock (" + now + "); check the device's clock");
        }
        if (stated.isBefore(now.minus(retention))) {
            String hint = stated.isBefore(Instant.ofEpochSecond(0).plus(Duration.ofDays(365)))
                    ? " (epoch seconds? 'ts' takes epoch milliseconds)" : "";
            throw new Rejected(Reason.EXPIRED_TIMESTAMP, "ts", "timestamp " + stated + " is older than the retention of "
                    + retention.toDays() + " days" + hint);
        }
        return stated;
    }

    public Reading reading(Source source, Sample s, Instant now) throws Rejected {
        MetricSpec spec = source.metrics().get(s.metric());
        if (spec == null) {
            throw new Rejected(Reason.UNKNOWN_METRIC, s.metric(), "'" + PayloadDecoder.abbreviate(s.metric())
                    + "' is not a metric of " + source.id() + " (its metrics: " + source.metrics().keySet() + ")");
        }
        if (s.invalid() != null) {
            throw new Rejected(Reason.NOT_A_NUMBER, s.metric(), s.metric() + " must be a number, not " + s.invalid());
        }
        if (!Double.isFinite(s.value())) {
            throw new Rejected(Reason.NON_FINITE, s.metric(), s.metric() + " must be a finite number, not " + s.value());
        }
        String unit = s.unit() != null ? s.unit() : source.reportedUnit(s.metric());
        DoubleUnaryOperator convert = Units.converter(s.metric(), unit, spec.unit()).orElseThrow(() -> new Rejected(
                Reason.WRONG_UNIT, s.metric(), s.metric() + " of " + source.id() + " is in " + spec.unit()
                        + "; unit '" + unit + "' cannot be converted to it"));
        double value = convert.applyAsDouble(s.value());
        if (value < spec.min() || value > spec.max()) {
            throw new Rejected(Reason.OUT_OF_RANGE, s.metric(), s.metric() + " = " + value + " " + spec.unit()
                    + " is outside the plausible range " + spec.min() + ".." + spec.max());
        }
        return new Reading(source.id(), s.metric(), time(s.time(), now), value, spec.unit(), spec.increment(), s.id(),
                s.time() == null);
    }

    /** @throws Rejected when the topic's id names no device (or no feed) of the catalog */
    public static Source source(Catalog catalog, String id, boolean feed) throws Rejected {
        Source source = catalog.sources().get(id);
        if (source == null || source.isFeed() != feed) {
            throw new Rejected(feed ? Reason.UNKNOWN_FEED : Reason.UNKNOWN_DEVICE, null,
                    (feed ? "feed '" : "device '") + PayloadDecoder.abbreviate(id) + "' is not in the catalog");
        }
        return source;
    }
}
