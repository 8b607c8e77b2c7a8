package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.catalog.Levels;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** A water gauge's latest level against its Waspada / Siaga / Awas thresholds. */
final class FloodIndicator extends ValueIndicator {

    private final Levels levels;

    FloodIndicator(IndicatorSpec spec, ZoneId zone, Map<String, Duration> cadences) {
        super(spec, zone, cadences);
        this.levels = spec.source().levels();
    }

    @Override
    String kind() {
        return "flood";
    }

    /** The wall status of the measured level; the shown number stays on its side of every threshold. */
    @Override
    int status(double v) {
        return FloodLevel.of(levels, v).status;
    }

    @Override
    int grade(double v) {
        return FloodLevel.of(levels, v).severity();
    }

    @Override
    void addDetails(Map<String, Object> details, Double v) {
        if (v != null) {
            FloodLevel level = FloodLevel.of(levels, v);
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("severity", level.severity());
            l.put("id", level.id);
            l.put("en", level.en);
            details.put("level", l);
        }
        details.put("levels", Map.of("waspada", levels.waspada(), "siaga", levels.siaga(), "awas", levels.awas()));
    }
}
