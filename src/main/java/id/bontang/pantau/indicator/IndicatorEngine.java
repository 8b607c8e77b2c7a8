package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.store.StoredReadings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every tile of the catalog up to date. Readings update the tiles that read them (O(1) each) and
 * mark them changed; every flush interval the changed tiles are evaluated and those that differ from what
 * was last published go to every {@link TileStates} listener (the wall, the alarms) as one list. Once a tick, every tile is evaluated, so that
 * sliding windows, day roll-over and staleness reach the wall without any new reading.
 *
 * <p>The catalog's indicators are built by {@link Indicators}, the tiles rebuilt from the database by {@link WarmStart},
 * and flushes timed by {@link FlushSchedule}.
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

    private final List<TileStates> listeners = new CopyOnWriteArrayList<>();
    private final Indicators indicators;
    private final Applied applied;
    private final Store store;
    private final EngineMeters meters;
    private final FlushSchedule schedule;
    private final Map<String, TileState> current = new LinkedHashMap<>();
    private final Set<Indicator> dirty = new LinkedHashSet<>();
    private final SourceActivity activity = new SourceActivity();
    private final Catalog catalog;
    private final StoredReadings stored;
    private final FailingTiles failing;
    /** Held while evaluating and calling the listeners, so that they hear the changes in order. */
    private final Object publishing = new Object();
    private long lastTick;
    private final long tickMillis;

    IndicatorEngine(Catalog catalog, EngineConfig config, MeterRegistry registry, Store store, StoredReadings stored,
            TileThread thread) {
        this.store = store;
        this.stored = stored;
        this.catalog = catalog;
        this.tickMillis = config.tickInterval().toMillis();
        this.indicators = new Indicators(catalog);
        this.applied = new Applied(indicators.horizons, config.memoryCapacity());
        this.meters = new EngineMeters(registry, this);
        this.failing = new FailingTiles(meters.failures);
        this.schedule = new FlushSchedule(thread, config, this::flush);
    }

    @PostConstruct
    void start() {
        store.whenReady(() -> WarmStart.run(stored, catalog, indicators, this));
        flush(System.currentTimeMillis(), true);
        schedule.start();
    }

    synchronized int memorySize() {
        return applied.size();
    }

    synchronized long forgotten() {
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
                meters.duplicates.increment();
                continue;
            }
            if (taken != null) {
                taken.add(r);
            }
            activity.saw(r, now);
            List<Indicator> targets = indicators.reading(r.source());
            if (targets != null) {
                for (Indicator i : targets) {
                    try {
                        if (i.accept(r, now)) {
                            dirty.add(i);
                        }
                    } catch (RuntimeException e) {
                        failing.readingFailed(i, r, e, now);
                        dirty.add(i);
                    }
                }
            }
        }
        if (!dirty.isEmpty()) {
            schedule.changed();
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
                meters.updates.increment(changed.size());
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
        for (Indicator i : indicators.all) {
            if (tick || dirty.contains(i) || (i instanceof WorstIndicator && !changed.isEmpty())) {
                TileState t = failing.tile(i, now, current::get);
                if (!t.equals(current.put(t.id(), t))) {
                    changed.add(t);
                }
            }
        }
        dirty.clear();
        return changed;
    }
}
