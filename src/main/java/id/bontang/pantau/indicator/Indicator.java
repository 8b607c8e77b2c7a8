package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.reading.Reading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleToIntFunction;
import java.util.function.Function;

/** A tile's state: takes the readings of its sources and tells its tile at any moment. */
abstract class Indicator {

    /** The status of a figure of no known value, as the wall's extras show it. */
    static final String UNKNOWN = TileState.Status.UNKNOWN.code();

    final IndicatorSpec spec;
    final ZoneId zone;
    /** Stale when the newest input is older than three of these (the slowest of the tile's sources). */
    final Duration cadence;
    /** Failures in a row (the engine logs the first). */
    int failures;

    Indicator(IndicatorSpec spec, ZoneId zone, Duration cadence) {
        this.spec = spec;
        this.zone = zone;
        this.cadence = cadence;
    }

    /** The measures readings go to (empty for tiles computed from other tiles). */
    abstract List<Measure> measures();

    /** The tile at {@code now}; {@code tiles} gives the tiles already computed in this pass, by id. */
    abstract TileState tile(long now, Function<String, TileState> tiles);

    boolean accept(Reading r, long now) {
        boolean taken = false;
        for (Measure m : measures()) {
            if (m.takes(r)) {
                m.accept(r, now);
                taken = true;
            }
        }
        return taken;
    }

    /** How long a reading counts in this tile: its longest window (0 for latest values only). */
    long longestWindow() {
        long longest = 0;
        for (Measure m : measures()) {
            longest = Math.max(longest, switch (m.spec.window().kind()) {
                case SLIDING -> m.spec.window().length().toMillis();
                case TODAY -> Duration.ofHours(25).toMillis();
                case LATEST -> 0;
            });
        }
        return longest;
    }

    long newest() {
        long newest = Long.MIN_VALUE;
        for (Measure m : measures()) {
            newest = Math.max(newest, m.newest);
        }
        return newest;
    }

    /** Fields every tile of this indicator carries, before the kind's own. */
    Map<String, Object> details(String kind) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", kind);
        if (spec.source() != null) {
            d.put("source", spec.source().id());
            if (spec.source().life() == id.bontang.pantau.catalog.Source.Life.MAINTENANCE) {
                d.put("maintenance", true); // its figures are kept and shown, marked: no alarm watches it
            }
        }
        if (spec.area() != null) {
            d.put("area", spec.area());
        }
        return d;
    }

    TileState tile(Number value, String unit, int severity, long now, Map<String, Double> figures,
            Map<String, Object> details) {
        long newest = newest();
        TileState.Freshness freshness = value == null ? TileState.Freshness.NO_DATA
                : now - newest > 3 * cadence.toMillis() ? TileState.Freshness.STALE : TileState.Freshness.FRESH;
        return new TileState(spec.id(), spec.dimension(), spec.title(), value, unit,
                value == null ? TileState.Status.UNKNOWN : TileState.Status.of(severity), freshness, time(newest),
                Map.copyOf(figures), details);
    }

    /** The tile of an indicator that failed: no figure, status unknown, and why. */
    TileState failed(String reason, long now) {
        Map<String, Object> d = details("failed");
        d.put("reason", reason);
        return new TileState(spec.id(), spec.dimension(), spec.title(), null, null, TileState.Status.UNKNOWN,
                TileState.Freshness.NO_DATA, time(newest()), Map.of(), d);
    }

    /** An event time as tiles carry it: to the millisecond; null for none. */
    static Instant time(long millis) {
        return millis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Rounds half-up to the catalog's decimals; whole numbers as integers. */
    static Number round(Double v, int decimals) {
        if (v == null) {
            return null;
        }
        return number(new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP), decimals);
    }

    /**
     * The figure as shown: rounded to the catalog's decimals, unless that would put it on the other side of a
     * threshold than the measured value (239.96 cm would read 240 next to Waspada, Siaga starting at 240); then
     * with as many more decimals as it takes, at most three, and cut towards the measured side after that.
     *
     * @param level the classification of a value (status, flood level) that the shown number must not contradict
     */
    static Number shown(Double v, int decimals, DoubleToIntFunction level) {
        if (v == null) {
            return null;
        }
        int measured = level.applyAsInt(v);
        BigDecimal exact = new BigDecimal(Double.toString(v));
        for (int d = decimals; d <= decimals + 3; d++) {
            BigDecimal r = exact.setScale(d, RoundingMode.HALF_UP);
            if (level.applyAsInt(r.doubleValue()) == measured) {
                return number(r, d);
            }
        }
        for (RoundingMode towards : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal r = exact.setScale(decimals + 3, towards);
            if (level.applyAsInt(r.doubleValue()) == measured) {
                return number(r, decimals + 3);
            }
        }
        return v;
    }

    private static Number number(BigDecimal d, int decimals) {
        return decimals == 0 ? (Number) d.longValueExact() : (Number) d.doubleValue();
    }
}
