package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.reading.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's tiles as indicators: in evaluation order (worst-of tiles last, since they read the others), by the
 * source they read, and how long each series must be remembered ({@link Applied}).
 */
final class Indicators {

    final List<Indicator> all = new ArrayList<>();
    private final Map<String, List<Indicator>> bySource = new HashMap<>();
    /** Per series, how long a reading of it counts (0: a latest value, shown as a state). */
    final Map<Applied.Series, Long> horizons = new HashMap<>();
    private final Set<Applied.Series> states = new HashSet<>();
    /** The longest of them: how far back a warm start reads. */
    final long horizon;

    Indicators(Catalog catalog) {
        Map<String, Duration> cadences = new HashMap<>();
        catalog.sources().values().forEach(s -> cadences.put(s.id(), s.cadence()));
        for (IndicatorSpec spec : catalog.indicators()) {
            Indicator i = switch (spec.type()) {
                case VALUE -> new ValueIndicator(spec, catalog.zone(), cadences);
                case FLOOD -> new FloodIndicator(spec, catalog.zone(), cadences);
                case ISPU -> new IspuIndicator(spec, catalog.zone(), cadences);
                case WORST -> new WorstIndicator(spec, catalog.zone());
            };
            all.add(i);
            for (String source : spec.sources()) {
                bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(i);
            }
            for (Measure m : i.measures()) {
                remember(m);
            }
        }
        this.horizon = horizons.values().stream().mapToLong(Long::longValue).max().orElse(0);
        all.sort((a, b) -> Boolean.compare(a instanceof WorstIndicator, b instanceof WorstIndicator));
    }

    private void remember(Measure m) {
        long h = switch (m.spec.window().kind()) {
            case SLIDING -> m.spec.window().length().toMillis();
            case TODAY -> Duration.ofHours(25).toMillis(); // a calendar day, whatever the clock's offset
            case LATEST -> 0;
        };
        for (String source : m.spec.sources()) {
            for (String metric : new String[] {m.spec.metric(), m.spec.shareOf()}) {
                if (metric != null) {
                    horizons.merge(new Applied.Series(source, metric), h, Math::max);
                    if (h == 0) {
                        states.add(new Applied.Series(source, metric));
                    }
                }
            }
        }
    }

    /** The indicators that read {@code source}, or null. */
    List<Indicator> reading(String source) {
        return bySource.get(source);
    }

    /** The series shown as a state: a warm start reads their latest value, however old. */
    List<Reading.Key> states() {
        return states.stream().map(k -> new Reading.Key(k.source(), k.metric())).toList();
    }
}
