package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.IndicatorSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The worst of other tiles (the city's ISPU is its worst station's): the highest status, then the highest
 * value. It shows that tile's figure, fields and freshness, and names it in {@code worstOf}.
 */
final class WorstIndicator extends Indicator {


    WorstIndicator(IndicatorSpec spec, ZoneId zone) {
        super(spec, zone, Duration.ofDays(1));
    }

    @Override
    List<Measure> measures() {
        return List.of();
    }

    @Override
    TileState tile(long now, Function<String, TileState> tiles) {
        TileState worst = spec.of().stream().map(tiles).filter(t -> t != null && t.value() != null)
                .max(Comparator.<TileState>comparingInt(t -> severity(t.status()))
                        .thenComparingDouble(t -> t.value().doubleValue()))
                .orElse(null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", "worst");
        if (worst == null) {
            TileState any = tiles.apply(spec.of().get(0));
            return new TileState(spec.id(), spec.dimension(), spec.title(), null, any == null ? null : any.unit(),
                    TileState.Status.UNKNOWN, TileState.Freshness.NO_DATA, null, Map.of(), details);
        }
        worst.details().forEach((k, v) -> {
            if (!k.equals("kind") && !k.equals("source")) {
                details.put(k, v);
            }
        });
        details.put("worstOf", worst.id());
        if (worst.details().get("source") != null) {
            details.put("source", worst.details().get("source"));
        }
        details.put("covers", spec.of().size());
        return new TileState(spec.id(), spec.dimension(), spec.title(), worst.value(), worst.unit(), worst.status(),
                worst.freshness(), worst.updatedAt(), worst.figures(), details);
    }

    /** Unknown below normal: a tile with a figure always beats one without. */
    private static int severity(TileState.Status s) {
        return s == TileState.Status.UNKNOWN ? -1 : s.ordinal();
    }
}
