package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Aggregate;
import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.catalog.MeasureSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleToIntFunction;
import java.util.function.Function;

/**
 * A tile defined entirely by the catalog: a main figure and extras, each a metric, a window and an
 * aggregate; the status is the worst of the figures that have thresholds.
 */
class ValueIndicator extends Indicator {

    final Measure value;
    private final List<Measure> extras = new ArrayList<>();
    private final List<Measure> all = new ArrayList<>();

    ValueIndicator(IndicatorSpec spec, ZoneId zone, Map<String, Duration> cadences) {
        super(spec, zone, slowest(spec, cadences));
        value = Measure.of(spec.value(), zone, cadences);
        all.add(value);
        for (MeasureSpec e : spec.extras()) {
            Measure m = Measure.of(e, zone, cadences);
            extras.add(m);
            all.add(m);
        }
    }

    static Duration slowest(IndicatorSpec spec, Map<String, Duration> cadences) {
        return spec.sources().stream().map(cadences::get).max(Duration::compareTo).orElseThrow();
    }

    @Override
    List<Measure> measures() {
        return all;
    }

    @Override
    TileState tile(long now, Function<String, TileState> tiles) {
        Double v = value.value(now);
        int severity = severity(value.spec, v);
        Map<String, Object> details = details(kind());
        if (value instanceof Measure.OnlineShare share && v != null) {
            details.put("online", share.online(now));
            details.put("reporting", share.reporting());
            details.put("total", spec.sources().size());
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        if (!extras.isEmpty()) {
            Map<String, Object> ex = new LinkedHashMap<>();
            for (Measure m : extras) {
                Double x = m.value(now);
                int s = severity(m.spec, x);
                severity = Math.max(severity, s);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("title", m.spec.title());
                Number figure = shown(x, m.spec.decimals(), level(m.spec));
                e.put("value", figure);
                if (figure != null) {
                    figures.put(m.spec.name(), figure.doubleValue());
                }
                e.put("unit", m.spec.unit());
                if (m.spec.thresholds() != null) {
                    e.put("status", x == null ? UNKNOWN : TileState.Status.of(s).code());
                }
                ex.put(m.spec.name(), e);
            }
            details.put("extras", ex);
        }
        addDetails(details, v);
        DoubleToIntFunction own = level(value.spec);
        Number shown = shown(v, value.spec.decimals(), x -> own.applyAsInt(x) * 4 + grade(x));
        return tile(shown, value.spec.unit(), Math.max(severity, v == null ? 0 : status(v)), now, figures, details);
    }

    String kind() {
        return "value";
    }

    /** Kind-specific fields of subclasses. */
    void addDetails(Map<String, Object> details, Double v) {
        if (value.spec.thresholds() != null) {
            var t = value.spec.thresholds();
            details.put("thresholds", Map.of("warning", t.warning(), "critical", t.critical(),
                    "direction", t.below() ? "below" : "above"));
        }
        if (value.spec.aggregate() != Aggregate.LATEST) {
            details.put("window", value.spec.window().toString());
            details.put("aggregate", value.spec.aggregate().code());
        }
    }

    /** A subclass's own status of the main value (0 when only thresholds decide). */
    int status(double value) {
        return 0;
    }

    /** A subclass's own grades of the main value, finer than its status (flood levels), for {@link #shown}. */
    int grade(double value) {
        return status(value);
    }

    /** Judged on the measured value; the number shown is kept on the same side of the thresholds ({@link #shown}). */
    private static int severity(MeasureSpec spec, Double v) {
        return spec.thresholds() == null || v == null ? 0 : spec.thresholds().severity(v);
    }

    private static DoubleToIntFunction level(MeasureSpec spec) {
        return spec.thresholds() == null ? x -> 0 : spec.thresholds()::severity;
    }
}
