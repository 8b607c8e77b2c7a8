package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.catalog.MeasureSpec;
import id.bontang.pantau.catalog.Window;
import id.bontang.pantau.catalog.Aggregate;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A station's ISPU (docs/ispu.md): the mean of each pollutant over the last 24 hours of event time,
 * its sub-index, the largest one rounded half-up, its category and critical parameter. Partial while
 * the critical parameter's window covers fewer than 18 distinct hours.
 */
final class IspuIndicator extends Indicator {

    static final Duration WINDOW = Duration.ofHours(24);
    static final int FULL_HOURS = 18;

    private final List<Measure.Windowed> pollutants = new ArrayList<>();
    private final List<Measure> measures;

    IspuIndicator(IndicatorSpec spec, ZoneId zone, Map<String, Duration> cadences) {
        super(spec, zone, ValueIndicator.slowest(spec, cadences));
        for (String p : Ispu.POLLUTANTS) {
            if (spec.source().metrics().containsKey(p)) {
                pollutants.add(new Measure.Windowed(new MeasureSpec(p, null, spec.sources(), p, Window.sliding(WINDOW),
                        Aggregate.AVG, "ug/m3", 1, null, null), zone));
            }
        }
        measures = List.copyOf(pollutants);
    }

    @Override
    List<Measure> measures() {
        return measures;
    }

    @Override
    TileState tile(long now, Function<String, TileState> tiles) {
        Map<String, Object> details = details("ispu");
        Map<String, Object> subs = new LinkedHashMap<>();
        double worst = -1;
        Measure.Windowed critical = null;
        boolean beyond = false;
        for (Measure.Windowed p : pollutants) {
            Double mean = p.value(now);
            if (mean == null) {
                continue;
            }
            Ispu.SubIndex sub = Ispu.subIndex(p.spec.metric(), mean);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("mean", round(mean, 1));
            s.put("index", Ispu.round(sub.value()));
            s.put("hours", hours(p, now));
            if (sub.beyondScale()) {
                s.put("beyondScale", true);
            }
            subs.put(p.spec.metric(), s);
            if (sub.value() > worst) {
                worst = sub.value();
                critical = p;
                beyond = sub.beyondScale();
            }
        }
        if (critical == null) {
            return tile(null, "ISPU", 0, now, Map.of(), details);
        }
        long ispu = Ispu.round(worst);
        Ispu.Category category = Ispu.Category.of(ispu);
        details.put("category", Map.of("id", category.id, "en", category.en, "colour", category.colour));
        details.put("criticalParameter", critical.spec.metric());
        details.put("partial", hours(critical, now) < FULL_HOURS);
        details.put("beyondScale", beyond);
        details.put("pollutants", subs);
        return tile(ispu, "ISPU", category.severity, now, Map.of(), details);
    }

    private static int hours(Measure.Windowed p, long now) {
        return p.distinctHours(now);
    }
}
