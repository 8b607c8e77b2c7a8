package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Aggregate;
import id.bontang.pantau.catalog.MeasureSpec;
import id.bontang.pantau.catalog.Window;
import id.bontang.pantau.reading.Reading;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One figure of a tile, kept incrementally: a reading updates it in O(1) and its value is read without
 * going back over past readings. Knows the newest event time it has seen (the tile's freshness).
 */
abstract class Measure {

    final MeasureSpec spec;
    private final Set<String> sources;
    long newest = Long.MIN_VALUE;

    Measure(MeasureSpec spec) {
        this.spec = spec;
        this.sources = Set.copyOf(spec.sources());
    }

    static Measure of(MeasureSpec spec, ZoneId zone, Map<String, Duration> cadences) {
        return switch (spec.aggregate()) {
            case LATEST -> new Latest(spec);
            case SUM_OF_LATEST -> new SumOfLatest(spec);
            case ONLINE_SHARE -> new OnlineShare(spec, cadences);
            default -> new Windowed(spec, zone);
        };
    }

    boolean takes(Reading r) {
        return sources.contains(r.source()) && (r.metric().equals(spec.metric()) || r.metric().equals(spec.shareOf()));
    }

    final void accept(Reading r, long now) {
        if (add(r, now)) {
            newest = Math.max(newest, r.time().toEpochMilli());
        }
    }

    /** @return whether the reading counts (false when it is outside every window this measure keeps) */
    abstract boolean add(Reading r, long now);

    /** The figure at {@code now}, unrounded; null when there is nothing to show. */
    abstract Double value(long now);

    boolean hasData() {
        return newest != Long.MIN_VALUE;
    }

    /** The value with the newest event time across all sources; an older reading arriving late does not replace it. */
    static final class Latest extends Measure {
        private long time = Long.MIN_VALUE;
        private double value;

        Latest(MeasureSpec spec) {
            super(spec);
        }

        @Override
        boolean add(Reading r, long now) {
            long t = r.time().toEpochMilli();
            if (t >= time) {
                time = t;
                value = r.value();
            }
            return true;
        }

        @Override
        Double value(long now) {
            return hasData() ? value : null;
        }
    }

    /** Each source's latest value, summed over the sources that have reported. */
    static final class SumOfLatest extends Measure {
        private final Map<String, long[]> times = new HashMap<>();
        private final Map<String, Double> values = new HashMap<>();

        SumOfLatest(MeasureSpec spec) {
            super(spec);
        }

        @Override
        boolean add(Reading r, long now) {
            long t = r.time().toEpochMilli();
            long[] last = times.computeIfAbsent(r.source(), s -> new long[] {Long.MIN_VALUE});
            if (t >= last[0]) {
                last[0] = t;
                values.put(r.source(), r.value());
            }
            return true;
        }

        @Override
        Double value(long now) {
            return values.isEmpty() ? null : values.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /**
     * Percentage of the selected devices whose latest status is online and not older than three cadences:
     * a camera that stopped reporting is not counted as online.
     */
    static final class OnlineShare extends Measure {
        private final Map<String, Duration> cadences;
        private final Map<String, long[]> status = new HashMap<>();

        OnlineShare(MeasureSpec spec, Map<String, Duration> cadences) {
            super(spec);
            this.cadences = cadences;
        }

        @Override
        boolean add(Reading r, long now) {
            long t = r.time().toEpochMilli();
            long[] s = status.computeIfAbsent(r.source(), k -> new long[] {Long.MIN_VALUE, 0});
            if (t >= s[0]) {
                s[0] = t;
                s[1] = r.value() > 0 ? 1 : 0;
            }
            return true;
        }

        @Override
        Double value(long now) {
            if (status.isEmpty()) {
                return null;
            }
            return 100.0 * online(now) / spec.sources().size();
        }

        long online(long now) {
            return status.entrySet().stream()
                    .filter(e -> e.getValue()[1] == 1 && now - e.getValue()[0] <= 3 * cadences.get(e.getKey()).toMillis())
                    .count();
        }

        long reporting() {
            return status.size();
        }
    }

    /** An aggregate over a sliding window or the current WITA day, optionally as a share of another metric. */
    static final class Windowed extends Measure {
        private final Window window;
        private final SlidingWindow sliding;
        private final DailyTotals daily;
        private final SlidingWindow slidingOf;
        private final DailyTotals dailyOf;
        private final ZoneId zone;

        Windowed(MeasureSpec spec, ZoneId zone) {
            super(spec);
            this.window = spec.window();
            this.zone = zone;
            boolean today = window.kind() == Window.Kind.TODAY;
            boolean share = spec.shareOf() != null;
            sliding = today ? null : new SlidingWindow(window.length());
            daily = today ? new DailyTotals(zone) : null;
            slidingOf = share && !today ? new SlidingWindow(window.length()) : null;
            dailyOf = share && today ? new DailyTotals(zone) : null;
        }

        @Override
        boolean add(Reading r, long now) {
            long t = r.time().toEpochMilli();
            boolean main = r.metric().equals(spec.metric());
            if (sliding != null) {
                return (main ? sliding : slidingOf).add(t, r.value(), now);
            }
            return (main ? daily : dailyOf).add(t, r.value(), now);
        }

        /** Distinct clock hours with a reading in the sliding window. */
        int distinctHours(long now) {
            return sliding.distinctHours(now);
        }

        Stats stats(long now, boolean of) {
            if (sliding != null) {
                return (of ? slidingOf : sliding).stats(now);
            }
            return (of ? dailyOf : daily).today(now);
        }

        @Override
        Double value(long now) {
            if (!hasData()) {
                return null;
            }
            Double v = aggregate(spec.aggregate(), stats(now, false), now);
            if (spec.shareOf() == null || v == null) {
                return v;
            }
            Double whole = aggregate(spec.aggregate(), stats(now, true), now);
            return whole == null || whole == 0 ? null : 100 * v / whole;
        }

        private Double aggregate(Aggregate a, Stats s, long now) {
            return switch (a) {
                case SUM -> s.sum;
                case COUNT -> (double) s.count;
                case AVG -> s.mean();
                case MIN -> s.count == 0 ? null : s.min;
                case MAX -> s.count == 0 ? null : s.max;
                case RATE -> s.sum / hours(now);
                default -> throw new IllegalStateException(a.code());
            };
        }

        private double hours(long now) {
            if (daily == null) {
                return window.length().toMillis() / 3_600_000d;
            }
            long midnight = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now), zone).atStartOfDay(zone)
                    .toInstant().toEpochMilli();
            return Math.max(now - midnight, 60_000) / 3_600_000d;
        }
    }
}
