package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.store.StoredReadings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** Replaced (under this lock) when the catalog changes. */
    private Indicators indicators;
    private final Applied applied;
    /**
     * Tiles a catalog change built, while their past is read from the database: what each has counted, so that a
     * reading counts once in it whether it comes from the database, live, or late by the durable path.
     */
    private final Map<Indicator, Warming> warming = new HashMap<>();
    private final TileThread thread;
    private final Store store;
    private final EngineMeters meters;
    private final FlushSchedule schedule;
    private final Map<String, TileState> current = new LinkedHashMap<>();
    private final Set<Indicator> dirty = new LinkedHashSet<>();
    private final SourceActivity activity = new SourceActivity();
    private final LiveCatalog catalog;
    private final StoredReadings stored;
    private final FailingTiles failing;
    /** Held while evaluating and calling the listeners, so that they hear the changes in order. */
    private final Object publishing = new Object();
    private long lastTick;
    private final long tickMillis;

    IndicatorEngine(LiveCatalog catalog, EngineConfig config, MeterRegistry registry, Store store, StoredReadings stored,
            TileThread thread) {
        this.store = store;
        this.stored = stored;
        this.catalog = catalog;
        this.thread = thread;
        this.tickMillis = config.tickInterval().toMillis();
        this.indicators = new Indicators(catalog.current());
        this.applied = new Applied(indicators.horizons, config.memoryCapacity());
        this.meters = new EngineMeters(registry, this);
        this.failing = new FailingTiles(meters.failures);
        this.schedule = new FlushSchedule(thread, config, this::flush);
    }

    @PostConstruct
    void start() {
        store.whenReady(() -> WarmStart.run(stored, catalog.current(), indicators(), this));
        catalog.listen((before, after, version) -> rebuild(before, after));
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
                if (!warming.isEmpty()) { // applied to the other tiles before a new one was built: maybe not to it
                    List<Indicator> targets = indicators.reading(r.source());
                    if (targets != null) {
                        targets.stream().filter(i -> warming.containsKey(i) && firstIn(i, r)).forEach(i -> accept(i, r, now));
                    }
                }
                continue;
            }
            if (taken != null) {
                taken.add(r);
            }
            activity.saw(r, now);
            List<Indicator> targets = indicators.reading(r.source());
            if (targets != null) {
                for (Indicator i : targets) {
                    if (warming.isEmpty() || firstIn(i, r)) {
                        accept(i, r, now);
                    }
                }
            }
        }
        if (!dirty.isEmpty()) {
            schedule.changed();
        }
    }

    private void accept(Indicator i, Reading r, long now) {
        try {
            if (i.accept(r, now)) {
                dirty.add(i);
            }
        } catch (RuntimeException e) {
            failing.readingFailed(i, r, e, now);
            dirty.add(i);
        }
    }

    /** Whether {@code i} has not counted {@code r} yet (always so for a tile not warming). */
    private boolean firstIn(Indicator i, Reading r) {
        Warming w = warming.get(i);
        return w == null || w.live(r);
    }

    synchronized Indicators indicators() {
        return indicators;
    }

    /**
     * A new catalog: the tiles whose definition is the same keep their state; new and changed ones are built and
     * their past read from the database ({@link RebuiltTiles}, in the background; meanwhile they count what arrives).
     * Every listener hears the whole new set of tiles at once.
     */
    void rebuild(Catalog before, Catalog after) {
        rebuild(before, after, System.currentTimeMillis());
    }

    void rebuild(Catalog before, Catalog after, long now) {
        Indicators next;
        synchronized (publishing) {
            List<TileState> all;
            synchronized (this) {
                next = new Indicators(after, indicators);
                indicators = next;
                applied.horizons(next.horizons);
                if (store.enabled()) {
                    next.fresh.forEach(i -> warming.put(i, new Warming()));
                }
                dirty.retainAll(next.all);
                current.clear();
                for (Indicator i : next.all) {
                    TileState t = state(i, now);
                    current.put(t.id(), t);
                }
                all = List.copyOf(current.values());
            }
            listeners.forEach(l -> l.rebuilt(all));
        }
        Log.infof("Tiles: catalog changed: %d tiles, %d of them new or changed", next.all.size(), next.fresh.size());
        if (store.enabled() && !next.fresh.isEmpty()) {
            List<String> added = after.sources().keySet().stream().filter(id -> !before.sources().containsKey(id)).toList();
            new RebuiltTiles(this, stored, thread, next, WarmStart.everySeries(after, added)).start();
        }
    }

    /** A tile as it stands; one whose past is still being read says so ({@code rebuilding}): no alarm judges it. */
    private TileState state(Indicator i, long now) {
        TileState t = failing.tile(i, now, current::get);
        Warming w = warming.get(i);
        return w != null && w.reading ? t.rebuilding() : t;
    }

    /** Stored readings for the tiles a change built: each counted in them unless they counted it already. */
    synchronized void replay(List<Reading> stored, java.util.Collection<Indicator> fresh, long now) {
        for (Reading r : stored) {
            List<Indicator> targets = indicators.reading(r.source());
            if (targets != null) {
                for (Indicator i : targets) {
                    Warming w = warming.get(i);
                    if (w != null && fresh.contains(i) && w.stored(r)) {
                        accept(i, r, now);
                    }
                }
            }
        }
    }

    /** Their past is read (or could not be): they are judged again, and published without the mark. */
    synchronized void pastRead(List<Indicator> fresh) {
        for (Indicator i : fresh) {
            Warming w = warming.get(i);
            if (w != null) {
                w.reading = false;
                if (w.full()) {
                    Log.warnf("Tiles: %s counted more than %d readings while its past was read: a repeat among them may "
                            + "count twice in it", i.spec.id(), Warming.MAX);
                }
            }
            dirty.add(i);
        }
        schedule.changed();
    }

    /** The durable path's late copies have had their time: the tiles a change built remember no more. */
    synchronized void forget(List<Indicator> fresh) {
        fresh.forEach(warming::remove);
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
                TileState t = state(i, now);
                if (!t.equals(current.put(t.id(), t))) {
                    changed.add(t);
                }
            }
        }
        dirty.clear();
        return changed;
    }
}
