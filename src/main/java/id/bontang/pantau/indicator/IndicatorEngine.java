package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * was last published go to every {@link TileStates} listener (the wall, the alarms) as one list. Once a tick, every tile is evaluated, so that
 * sliding windows, day roll-over and staleness reach the wall without any new reading.
 *
 * <p>A reading that was applied already ({@link Applied}) is dropped. One failing indicator shows its tile as
 * {@code unknown} with the reason and costs no other tile. Changes go to the listeners outside the lock that ingest
 * threads wait on.
 */
@Singleton
public class IndicatorEngine {

    public static final String TILE_UPDATES = "pantau.tiles.updated";
    public static final String DUPLICATES = "pantau.tiles.duplicates";
    public static final String MEMORY = "pantau.tiles.memory";
    public static final String MEMORY_FORGOTTEN = "pantau.tiles.memory.forgotten";
    public static final String FAILURES = "pantau.tiles.failures";

    private final List<TileStates> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Indicator> indicators = new ArrayList<>();
    private final Map<String, List<Indicator>> bySource = new HashMap<>();
    private final Set<Applied.Series> states = new HashSet<>();
    private final Applied applied;
    private final long horizon;
    private final Store store;
    private final Counter duplicates;
    private final Counter failures;
    private final Map<String, TileState> current = new LinkedHashMap<>();
    private final Set<Indicator> dirty = new LinkedHashSet<>();
    private final SourceActivity activity = new SourceActivity();
    /**
     * Indicators a reading could not be applied to: their figures are not right until that reading has left
     * every window of the indicator (a latest value: until the next one).
     */
    private final Map<Indicator, Broken> broken = new HashMap<>();

    private record Broken(String reason, long since) {
    }
    private final Counter updates;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Object publishing = new Object();
    private final java.util.concurrent.atomic.AtomicBoolean flushPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final long minGapMillis;
    private volatile long lastFlush;
    /** Flushes run by themselves once started (tests that drive the clock flush by hand). */
    private volatile boolean started;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pantau-tiles");
        t.setDaemon(true);
        return t;
    });
    private long lastTick;
    private final long tickMillis;
    private final long flushMillis;

    public IndicatorEngine(Catalog catalog, EngineConfig config, MeterRegistry registry, Store store) {
        this.store = store;
        this.registry = registry;
        this.duplicates = Counter.builder(DUPLICATES).description("Readings dropped because they were already applied")
                .register(registry);
        this.failures = Counter.builder(FAILURES).description("Indicator evaluations or updates that failed")
                .register(registry);
        this.tickMillis = config.tickInterval().toMillis();
        this.updates = Counter.builder(TILE_UPDATES).description("Tile changes pushed to the wall").register(registry);
        Map<String, Duration> cadences = new HashMap<>();
        catalog.sources().values().forEach(s -> cadences.put(s.id(), s.cadence()));
        Map<Applied.Series, Long> horizons = new HashMap<>();
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
        }
        this.horizon = horizons.values().stream().mapToLong(Long::longValue).max().orElse(0);
        this.applied = new Applied(horizons, config.memoryCapacity());
        meters.add(Gauge.builder(MEMORY, this, e -> e.memorySize())
                .description("Applied readings remembered to recognise a repeat (at most pantau.tiles.memory-capacity)")
                .register(registry));
        meters.add(FunctionCounter.builder(MEMORY_FORGOTTEN, this, e -> e.forgotten())
                .description("Applied readings forgotten before their windows ended because the memory was full")
                .register(registry));
        // Worst-of tiles read the others, so they are evaluated last.
        indicators.sort((a, b) -> Boolean.compare(a instanceof WorstIndicator, b instanceof WorstIndicator));
        this.flushMillis = config.flushInterval().toMillis();
        this.minGapMillis = config.minFlushGap().toMillis();
    }

    @PostConstruct
    void start() {
        store.whenReady(this::warmStart);
        flush(System.currentTimeMillis(), true);
        flusher.scheduleWithFixedDelay(this::flush, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        started = true;
    }

    /**
     * A tile changed: its delta leaves {@code flushInterval} from now, with whatever else changed meanwhile, but never
     * sooner than {@code minFlushGap} after the previous one: a calm city's reading is on the walls within a few
     * milliseconds, a busy city's deltas come at a bounded rate that every wall can take as they are (encoded once,
     * nothing coalesced per client). Nothing is scheduled while nothing changes; one flush at a time is pending.
     */
    private void changed() {
        if (started && flushPending.compareAndSet(false, true)) {
            long delay = Math.max(flushMillis, lastFlush + minGapMillis - System.currentTimeMillis());
            try {
                flusher.schedule(() -> {
                    flushPending.set(false); // before evaluating: what changes meanwhile gets the next flush
                    lastFlush = System.currentTimeMillis();
                    flush();
                }, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                flushPending.set(false); // shutting down
            }
        }
    }

    void stop(@Observes ShutdownEvent e) {
        flusher.shutdownNow();
        meters.forEach(registry::remove); // they hold this object: a later application in the same JVM needs its own
    }

    private synchronized int memorySize() {
        return applied.size();
    }

    private synchronized long forgotten() {
        return applied.forgotten();
    }

    /**
     * Adds a listener and hands it the tiles as they stand, before any later change: no change is missed, none is
     * heard twice.
     */
    public void listen(TileStates listener) {
        synchronized (publishing) {
            List<TileState> now;
            synchronized (this) {
                now = List.copyOf(current.values());
            }
            if (!now.isEmpty()) {
                listener.changed(now);
            }
            listeners.add(listener);
        }
    }

    /** When each source was last heard of, and its last status. */
    public SourceActivity activity() {
        return activity;
    }

    /** Applies accepted readings; their tiles reach the wall at the next flush. */
    public void apply(List<Reading> readings) {
        apply(readings, System.currentTimeMillis());
    }

    /** Applies readings and says which were new (the others were applied before). */
    public List<Reading> applyNew(List<Reading> readings) {
        return applyNew(readings, System.currentTimeMillis());
    }

    List<Reading> applyNew(List<Reading> readings, long now) {
        List<Reading> applied = new ArrayList<>(readings.size());
        apply(readings, now, applied);
        return applied;
    }

    void apply(List<Reading> readings, long now) {
        apply(readings, now, null);
    }

    private synchronized void apply(List<Reading> readings, long now, List<Reading> taken) {
        for (Reading r : readings) {
            if (!applied.first(r, now)) {
                duplicates.increment();
                continue;
            }
            if (taken != null) {
                taken.add(r);
            }
            activity.saw(r, now);
            List<Indicator> targets = bySource.get(r.source());
            if (targets != null) {
                for (Indicator i : targets) {
                    try {
                        if (i.accept(r, now)) {
                            dirty.add(i);
                        }
                    } catch (RuntimeException e) {
                        fail(i, "a reading of " + r.source() + "/" + r.metric() + " could not be counted", e);
                        broken.put(i, new Broken("a reading could not be counted (" + e + ")", now));
                        dirty.add(i);
                    }
                }
            }
        }
        if (!dirty.isEmpty()) {
            changed();
        }
    }

    private void fail(Indicator i, String what, RuntimeException e) {
        failures.increment();
        if (i.failures++ == 0) {
            Log.errorf(e, "Tiles: %s: %s; the tile shows unknown, every other tile goes on", i.spec.id(), what);
        }
    }

    /**
     * Rebuilds the tiles from the database: every reading some window still covers, and the latest value of
     * each series shown as a state. Runs at start-up before the first tiles are published, or, when the
     * database is reached only later, then (readings already applied are dropped as duplicates).
     */
    void warmStart() {
        long now = System.currentTimeMillis();
        List<Reading> batch = new ArrayList<>();
        int[] count = {0};
        try {
            store.recent(java.time.Instant.ofEpochMilli(now - horizon),
                    states.stream().map(k -> new Reading.Key(k.source(), k.metric())).toList(), r -> {
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

    /**
     * Evaluates the changed tiles (all of them on a tick) and publishes those that differ. The hub is called
     * outside the engine's lock, so ingest never waits for the sockets; deltas still leave in the order they
     * were computed.
     */
    void flush(long now, boolean tick) {
        synchronized (publishing) {
            List<TileState> changed = evaluate(now, tick);
            listeners.forEach(l -> l.evaluated(now));
            if (!changed.isEmpty()) {
                List<TileState> copy = List.copyOf(changed);
                listeners.forEach(l -> l.changed(copy));
                updates.increment(changed.size());
            }
        }
    }

    private synchronized List<TileState> evaluate(long now, boolean tick) {
        List<TileState> changed = new ArrayList<>();
        if (tick) {
            lastTick = now;
        }
        if (!tick && dirty.isEmpty()) {
            return changed;
        }
        for (Indicator i : indicators) {
            if (tick || dirty.contains(i) || (i instanceof WorstIndicator && !changed.isEmpty())) {
                TileState t = tile(i, now);
                if (!t.equals(current.put(t.id(), t))) {
                    changed.add(t);
                }
            }
        }
        dirty.clear();
        return changed;
    }

    private TileState tile(Indicator i, long now) {
        Broken b = broken.get(i);
        if (b != null && now - b.since() > i.longestWindow()) {
            broken.remove(i);
            b = null;
        }
        String reason = b == null ? null : b.reason();
        if (reason == null) {
            try {
                TileState t = i.tile(now, current::get);
                i.failures = 0;
                return t;
            } catch (RuntimeException e) {
                fail(i, "evaluation failed", e);
                reason = "evaluation failed (" + e + ")";
            }
        }
        return i.failed(reason, now);
    }
}
