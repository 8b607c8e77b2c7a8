package id.bontang.pantau.catalog;

import id.bontang.pantau.catalog.CatalogLoader.RawMeasure;
import id.bontang.pantau.catalog.CatalogLoader.RawThresholds;
import id.bontang.pantau.reading.Reading;
import java.util.List;

/**
 * Checks one figure of a tile (its main value or an extra) against the sources the tile selected: the aggregate,
 * the window it needs or refuses, the metric every source must measure, the unit, decimals and thresholds.
 */
final class MeasureReader {

    private final Problems problems;

    MeasureReader(Problems problems) {
        this.problems = problems;
    }

    /** @return the figure, or null when it cannot be computed (the problem is recorded) */
    MeasureSpec measure(String at, RawMeasure m, List<Source> selected) {
        Aggregate aggregate = m.aggregate() == null ? Aggregate.LATEST : Aggregate.of(m.aggregate()).orElse(null);
        if (aggregate == null) {
            problems.add(at, "unknown aggregate '" + m.aggregate() + "' (one of latest, avg, min, max, sum, count, rate, "
                    + "sum-of-latest, online-share)");
            return null;
        }
        Window window = window(at, m.window(), aggregate);
        String metric = m.metric();
        if (aggregate == Aggregate.ONLINE_SHARE) {
            if (metric != null) {
                problems.add(at, "online-share reads device status; it takes no metric");
            }
            metric = Reading.ONLINE;
        } else if (metric == null) {
            problems.add(at, "metric is required");
            return null;
        } else {
            String name = metric;
            List<String> missing = selected.stream().filter(s -> !s.metrics().containsKey(name)).map(Source::id).toList();
            if (!missing.isEmpty()) {
                problems.add(at, "metric '" + metric + "' is not measured by " + missing);
                return null;
            }
            if (m.shareOf() != null && selected.stream().anyMatch(s -> !s.metrics().containsKey(m.shareOf()))) {
                problems.add(at, "shareOf names metric '" + m.shareOf() + "', which its sources do not measure");
            }
            if ((aggregate == Aggregate.SUM || aggregate == Aggregate.RATE)
                    && selected.stream().anyMatch(s -> !s.metrics().get(name).summable())) {
                problems.add(at, "aggregate " + aggregate.code() + " adds up '" + metric + "', which is a state (a level: "
                        + "adding its values up means nothing): mark it type: total or type: increment in its kind or feed, "
                        + "or use avg, min, max or latest");
            }
        }
        String unit = m.unit() != null ? m.unit()
                : aggregate == Aggregate.ONLINE_SHARE || m.shareOf() != null ? "%"
                : aggregate == Aggregate.COUNT ? "count" : selected.get(0).metrics().get(metric).unit();
        Thresholds thresholds = thresholds(at, m.thresholds());
        int decimals = m.decimals() == null ? 1 : m.decimals();
        if (decimals < 0 || decimals > 6) {
            problems.add(at, "decimals must be 0..6");
        }
        return window == null ? null : new MeasureSpec(m.name(), m.title(), selected.stream().map(Source::id).toList(),
                metric, window, aggregate, unit, decimals, m.shareOf(), thresholds);
    }

    private Window window(String at, String text, Aggregate aggregate) {
        Window window;
        if (text == null || text.equals("latest")) {
            window = Window.LATEST;
        } else if (text.equals("today")) {
            window = Window.TODAY;
        } else {
            try {
                window = Window.sliding(Durations.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(at + ".window", e.getMessage() + "; or 'latest', or 'today'");
                return null;
            }
        }
        if (aggregate.windowed() && window.kind() == Window.Kind.LATEST) {
            problems.add(at, "aggregate " + aggregate.code() + " needs a window (e.g. 15m, 1h, 24h or today)");
            return null;
        }
        if (!aggregate.windowed() && window.kind() != Window.Kind.LATEST) {
            problems.add(at, "aggregate " + aggregate.code()
                    + " takes no window (windows apply to avg, min, max, sum, count, rate)");
            return null;
        }
        return window;
    }

    private Thresholds thresholds(String at, RawThresholds t) {
        if (t == null) {
            return null;
        }
        boolean below = "below".equals(t.direction());
        if (t.direction() != null && !below && !"above".equals(t.direction())) {
            problems.add(at + ".thresholds", "direction is 'above' or 'below'");
        }
        if (t.warning() == null || t.critical() == null) {
            problems.add(at + ".thresholds", "warning and critical are both required");
            return null;
        }
        if (below ? t.critical() > t.warning() : t.critical() < t.warning()) {
            problems.add(at + ".thresholds", "critical must be " + (below ? "at or below" : "at or above")
                    + " warning when the direction is " + (below ? "below" : "above"));
        }
        return new Thresholds(t.warning(), t.critical(), below);
    }
}
