package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.wall.Tile;
import id.bontang.pantau.wall.TileHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every tile of the catalog up to date. Readings update the tiles that read them (O(1) each) and
 * mark them changed; every flush interval the changed tiles are evaluated and those that differ from what
 * the wall last got go to the {@link TileHub} as one delta. Once a tick, every tile is evaluated, so that
 * sliding windows, day roll-over and staleness reach the wall without any new reading.
 *
 * <p>Readings may arrive twice: by the live and the durable subscription, from a device that resends, and
 * from the database at a warm start. A reading whose source, metric and time were already applied is
 * dropped, for as long as some window could still count it; states (latest values) are idempotent anyway.
 */
@Singleton
public class IndicatorEngine {

    public static final String TILE_UPDATES = "pantau.tiles.updated";
    public static final String DUPLICATES = "pantau.tiles.duplicates";

    private final TileHub hub;
    private final List<Indicator> indicators = new ArrayList<>();
    private final Map<String, List<Indicator>> bySource = new HashMap<>();
    /** Per series, how long its readings are remembered to drop duplicates: the longest window reading it. */
    private final Map<SeriesKey, Long> horizons = new HashMap<>();
    private final Map<SeriesKey, SeenTimes> seen = new HashMap<>();
    private final Set<SeriesKey> states = new java.util.HashSet<>();
    private final Store store;
    private final Counter duplicates;
    private final Map<String, Tile> current = new LinkedHashMap<>();
    private final Set<Indicator> dirty = new LinkedHashSet<>();
    private final Counter updates;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pantau-tiles");
        t.setDaemon(true);
        return t;
    });
    private long lastTick;
    private final long tickMillis;
    private final long flushMillis;

    record SeriesKey(String source, String metric) {
    }

    public IndicatorEngine(Catalog catalog, TileHub hub, EngineConfig config, MeterRegistry registry, Store store) {
        this.hub = hub;
        this.store = store;
        this.duplicates = Counter.builder(DUPLICATES).description("Readings dropped because they were already applied")
                .register(registry);
        this.tickMillis = config.tickInterval().toMillis();
        this.updates = Counter.builder(TILE_UPDATES).description("Tile changes pushed to the wall").register(registry);
        Map<String, Duration> cadences = new HashMap<>();
        catalog.sources().values().forEach(s -> cadences.put(s.id(), s.cadence()));
        for (IndicatorSpec spec : catalog.indicators()) {
            Indicator i = switch (spec.type()) {
                case VALUE -> new ValueIndicator(spec, catalog.zone(), cadences);
                case FLOOD -> new FloodIndicator(spec, catalog.zone(), cadences);
                case ISPU -> new IspuIndicator(spec, catalog.zone(), cadences);
                case WORST -> new WorstIndicator(spec, catalog.zone());
            };
            indicators.add(i);
            for (String source : spec.sources()) {
                bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(i);
            }
            for (Measure m : i.measures()) {
                long horizon = switch (m.spec.window().kind()) {
                    case SLIDING -> m.spec.window().length().toMillis();
                    case TODAY -> Duration.ofHours(25).toMillis(); // a WITA day, whatever the clock's offset
                    case LATEST -> 0;
                };
                for (String source : m.spec.sources()) {
                    for (String metric : new String[] {m.spec.metric(), m.spec.shareOf()}) {
                        if (metric != null) {
                            horizons.merge(new SeriesKey(source, metric), horizon, Math::max);
                            if (horizon == 0) {
                                states.add(new SeriesKey(source, metric));
                            }
                        }
                    }
                }
            }
        }
        // Worst-of tiles read the others, so they are evaluated last.
        indicators.sort((a, b) -> Boolean.compare(a instanceof WorstIndicator, b instanceof WorstIndicator));
        this.flushMillis = config.flushInterval().toMillis();
    }

    @PostConstruct
    void start() {
        store.whenReady(this::warmStart);
        flush(System.currentTimeMillis(), true);
        flusher.scheduleWithFixedDelay(this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        flusher.shutdownNow();
    }

    /** Applies accepted readings; their tiles reach the wall at the next flush. */
    public void apply(List<Reading> readings) {
        apply(readings, System.currentTimeMillis());
    }

    synchronized void apply(List<Reading> readings, long now) {
        for (Reading r : readings) {
            if (!first(r, now)) {
                duplicates.increment();
                continue;
            }
            List<Indicator> targets = bySource.get(r.source());
            if (targets != null) {
                for (Indicator i : targets) {
                    if (i.accept(r, now)) {
                        dirty.add(i);
                    }
                }
            }
        }
    }

    /** Whether this is the first time the reading is applied (as far as any window could tell). */
    private boolean first(Reading r, long now) {
        SeriesKey key = new SeriesKey(r.source(), r.metric());
        Long horizon = horizons.get(key);
        long t = r.time().toEpochMilli();
        if (horizon == null || horizon == 0 || t < now - horizon) {
            return true; // no window counts it: applying it again changes nothing
        }
        return seen.computeIfAbsent(key, k -> new SeenTimes()).add(t, now - horizon);
    }

    /**
     * Rebuilds the tiles from the database: every reading some window still covers, and the latest value of
     * each series shown as a state. Runs at start-up before the first tiles are published, or, when the
     * database is reached only later, then (readings already applied are dropped as duplicates).
     */
    void warmStart() {
        long now = System.currentTimeMillis();
        long horizon = horizons.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Reading> batch = new ArrayList<>();
        int[] count = {0};
        try {
            store.recent(java.time.Instant.ofEpochMilli(now - horizon),
                    states.stream().map(k -> new Reading.Key(k.source(), k.metric(), 0)).toList(), r -> {
                        batch.add(r);
                        count[0]++;
                        if (batch.size() == 10_000) {
                            apply(batch, now);
                            batch.clear();
                        }
                    });
            apply(batch, now);
            Log.infof("Tiles: warm start from the database with %d readings (the last %s and the latest states)", count[0],
                    id.bontang.pantau.catalog.Durations.format(Duration.ofMillis(horizon)));
        } catch (java.sql.SQLException e) {
            Log.warnf("Tiles: warm start failed (%s); the tiles fill from live readings", e.getMessage());
        }
    }

    private void flush() {
        try {
            long now = System.currentTimeMillis();
            flush(now, now - lastTick >= tickMillis);
        } catch (RuntimeException e) {
            Log.error("Tile evaluation failed", e);
        }
    }

    /** Evaluates the changed tiles (all of them on a tick) and publishes those that differ. */
    void flush(long now, boolean tick) {
        List<Tile> changed = new ArrayList<>();
        synchronized (this) {
            if (tick) {
                lastTick = now;
            }
            if (!tick && dirty.isEmpty()) {
                return;
            }
            for (Indicator i : indicators) {
                if (tick || dirty.contains(i) || (i instanceof WorstIndicator && !changed.isEmpty())) {
                    Tile t = i.tile(now, current::get);
                    if (!t.equals(current.put(t.id(), t))) {
                        changed.add(t);
                    }
                }
            }
            dirty.clear();
            if (!changed.isEmpty()) {
                // Published under the engine's lock so that deltas leave in the order they were computed.
                hub.publish(changed);
            }
        }
        updates.increment(changed.size());
    }
}
