package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.reading.Reading;
import java.time.Duration;
import java.time.ZoneId;
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

    /** How long a "today" window's readings count: a calendar day, whatever the clock's offset. */
    static final long DAY = Duration.ofHours(25).toMillis();

    final List<Indicator> all = new ArrayList<>();
    private final Map<String, List<Indicator>> bySource = new HashMap<>();
    /** Per series, how long a reading of it counts (0: a latest value, shown as a state). */
    final Map<Applied.Series, Long> horizons = new HashMap<>();
    private final Set<Applied.Series> states = new HashSet<>();
    /** The longest of them: how far back a warm start reads. */
    final long horizon;

    /** Indicators built now, not kept from the catalog before: their state comes from the database. */
    final List<Indicator> fresh = new ArrayList<>();
    final ZoneId zone;
    private final Map<String, Duration> cadences = new HashMap<>();

    Indicators(Catalog catalog) {
        this(catalog, null);
    }

    /**
     * The catalog's indicators, keeping those of {@code before} whose tile is defined the same (same spec, zone and
     * sources' cadences): an unrelated change resets no "today" sum.
     */
    Indicators(Catalog catalog, Indicators before) {
        this.zone = catalog.zone();
        catalog.sources().values().forEach(s -> cadences.put(s.id(), s.cadence()));
        Map<String, Indicator> kept = new HashMap<>();
        if (before != null && before.zone.equals(zone)) {
            before.all.stream().filter(i -> i.spec.sources().stream()
                    .allMatch(s -> java.util.Objects.equals(before.cadences.get(s), cadences.get(s))))
                    .forEach(i -> kept.put(i.spec.id(), i));
        }
        for (IndicatorSpec spec : catalog.indicators()) {
            Indicator same = kept.get(spec.id());
            Indicator i = same != null && same.spec.equals(spec) ? same : switch (spec.type()) {
                case VALUE -> new ValueIndicator(spec, catalog.zone(), cadences);
                case FLOOD -> new FloodIndicator(spec, catalog.zone(), cadences);
                case ISPU -> new IspuIndicator(spec, catalog.zone(), cadences);
                case WORST -> new WorstIndicator(spec, catalog.zone());
            };
            all.add(i);
            if (i != same) {
                fresh.add(i);
            }
            for (String source : spec.sources()) {
                bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(i);
            }
            for (Measure m : i.measures()) {
                remember(m, horizons, states);
            }
        }
        this.horizon = horizons.values().stream().mapToLong(Long::longValue).max().orElse(0);
        all.sort((a, b) -> Boolean.compare(a instanceof WorstIndicator, b instanceof WorstIndicator));
    }

    private static void remember(Measure m, Map<Applied.Series, Long> horizons, Set<Applied.Series> states) {
        long h = switch (m.spec.window().kind()) {
            case SLIDING -> m.spec.window().length().toMillis();
            case TODAY -> DAY;
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

    /** What the {@link #fresh} indicators need from the database: their series, how far back, and their states. */
    record Needs(List<Reading.Key> series, long horizon, List<Reading.Key> states) {
    }

    Needs needs() {
        Map<Applied.Series, Long> theirs = new HashMap<>();
        Set<Applied.Series> theirStates = new HashSet<>();
        fresh.forEach(i -> i.measures().forEach(m -> remember(m, theirs, theirStates)));
        return new Needs(theirs.keySet().stream().map(k -> new Reading.Key(k.source(), k.metric())).toList(),
                theirs.values().stream().mapToLong(Long::longValue).max().orElse(0),
                theirStates.stream().map(k -> new Reading.Key(k.source(), k.metric())).toList());
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
