package id.bontang.pantau.alarm;

import id.bontang.pantau.broker.MqttConfig;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.LiveCatalog;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.indicator.TileState;
import id.bontang.pantau.api.Backoff;
import id.bontang.pantau.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the catalog's alarm rules: each tile change (from the indicator engine) and each tick (for delays, silence, shelving and
 * escalation) updates the rules' {@link Watch}es, and the {@link Reconciler} makes their alarms follow. All on one
 * thread ({@link AlarmThread}), so the rules need no locks; the {@link AlarmBook}'s changes go to the listeners (the
 * walls) and, for changes made here, out over MQTT.
 */
@Startup
@Singleton
public class AlarmEngine {

    /** Replaced, on the alarms' thread, when the catalog changes. */
    private Watches watches;
    private final String instance;
    private final LiveCatalog live;
    private final boolean fileMode;
    private final Map<String, String> areaNames = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, TileState> tiles = new HashMap<>();
    /** Tile changes not yet judged, newest per tile: a burst costs one pass, and the queue never grows. */
    private final Map<String, TileState> arrived = new ConcurrentHashMap<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final AlarmBook book;
    private final Store store;
    private final IndicatorEngine engine;
    private final List<AlarmListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AlarmConfig config;
    private final Conditions conditions;
    private final Reconciler reconciler;
    private final AlarmThread thread;
    private volatile boolean loaded;
    private boolean floodShown;
    /** A catalog version whose gone alarms could not be closed yet (0: none). */
    private int closePending;
    private int syncs;

    AlarmEngine(LiveCatalog live, IndicatorEngine engine, Store store, AlarmConfig config, AlarmOut out,
            MeterRegistry registry, FrozenWalls walls, MqttConfig mqtt, AlarmStore kept, AlarmThread thread,
            @ConfigProperty(name = "pantau.catalog-mode", defaultValue = "database") CatalogProducer.Mode catalogMode) {
        this.engine = engine;
        this.store = store;
        this.config = config;
        this.thread = thread;
        this.conditions = new Conditions(engine.activity(), walls, System.currentTimeMillis());
        this.live = live;
        this.fileMode = catalogMode == CatalogProducer.Mode.FILE;
        Catalog catalog = live.current();
        catalog.areas().forEach(a -> areaNames.put(a.slug(), a.name()));
        this.instance = mqtt.instance().orElse("pantau");
        this.watches = new Watches(catalog, instance);
        this.book = new AlarmBook(kept, config);
        book.listen((alarms, local) -> announce(alarms));
        book.listen((alarms, local) -> {
            if (local) {
                out.publish(alarms);
            }
        });
        AlarmMetrics metrics = new AlarmMetrics(book, registry);
        this.reconciler = new Reconciler(book, metrics, conditions, areaNames, tiles::get);
        live.listen((before, after, version) -> thread.submit(() -> rewatch(after, version.number())));
    }

    /**
     * A new catalog's rules: unchanged watches go on; changed and new ones resume the alarm they find open (re-judged,
     * never raised twice) and judge the tiles as they stand; alarms of rules and subjects gone are closed with why.
     */
    /** Closes the alarms of rules and subjects the catalog lost; while the database refuses, again at every tick. */
    private void closeGone(int version) {
        try {
            AlarmLoad.resume(book, watches, authoritative() ? "not in catalog version " + version : null);
            closePending = 0;
        } catch (SQLException e) {
            if (closePending == 0) {
                Log.warnf("Alarms: after the catalog change, alarms could not be closed (%s); tried again at every tick",
                        e.getMessage());
            }
            closePending = version;
        }
    }

    /**
     * Whether the running catalog may close alarms: the file in file mode, or a version from the database (not the seed
     * file an instance starts with while the database is away, which may lack devices added since).
     */
    private boolean authoritative() {
        return fileMode || live.version().stored();
    }

    private void rewatch(Catalog after, int version) {
        after.areas().forEach(a -> areaNames.put(a.slug(), a.name()));
        watches = new Watches(after, instance, watches);
        if (!loaded) {
            return; // the load resumes and closes against these watches
        }
        closeGone(version);
        judge(List.copyOf(tiles.values()));
        Log.infof("Alarms: catalog version %d: %d rules watching %d subjects", version, watches.rules(),
                watches.all().size());
    }

    @PostConstruct
    void start() {
        engine.listen(this::arrived); // the tiles as they stand first, then every change
        if (store.enabled()) {
            Log.infof("Alarms: %d rules watching %d subjects; kept in the database, shared by every instance",
                    watches.rules(), watches.all().size());
            store.whenReady(this::load);
            thread.every(config.syncInterval().toMillis(), this::sync);
        } else {
            Log.warnf("Alarms: %d subjects watched; persistence is off, so alarms live in memory and are gone at a restart",
                    watches.all().size());
            load();
        }
        thread.every(config.tick().toMillis(), this::tick);
    }

    /**
     * Adds a listener (the walls): it hears every change from now on, then the open alarms as they stand (when they are
     * loaded already). Hearing an open alarm twice is harmless; missing one is not.
     */
    public void listen(AlarmListener listener) {
        listeners.add(listener);
        thread.submit(() -> {
            if (loaded) {
                listener.changed(book.open(), summary());
            }
        });
    }

    private void announce(List<Alarm> alarms) {
        Map<String, Object> summary = summary();
        listeners.forEach(l -> l.changed(alarms, summary));
    }

    AlarmBook book() {
        return book;
    }

    /** Hears each change this instance stores (notifications without a database take them from here). */
    public void onStored(java.util.function.Consumer<AlarmChange> listener) {
        book.onStored(listener);
    }

    /** The alarm as this instance knows it (open) or as stored. */
    public java.util.Optional<Alarm> find(long id) throws SQLException {
        return book.find(id);
    }

    /** Acknowledges an alarm for {@code user} (an operator), as the console's button does. */
    public Alarm acknowledge(long id, String user, String comment) throws SQLException {
        return book.act(id, a -> Lifecycle.acknowledge(a, user, comment, Instant.now()));
    }

    /** Alarms as the API lists them (a day's for the notifications' daily summary). */
    public List<Alarm> query(AlarmQuery q) throws SQLException {
        return book.query(q);
    }

    /** Whether the alarms are in a flood now (ISA-18.2): notifications then go as digests. */
    public boolean flooding() {
        return book.flood(Instant.now()).active();
    }

    /** The open alarms' counts by severity and the flood state: sent with every alarms message. */
    Map<String, Object> summary() {
        return AlarmSummary.of(book);
    }

    /** Loads the open alarms on the alarms' thread, again with backoff while the database cannot give them. */
    private void load() {
        Uni<Boolean> attempt = Uni.createFrom().item(this::loadNow).runSubscriptionOn(thread)
                .onFailure().invoke(e -> {
                    if (!(e instanceof RejectedExecutionException)) {
                        Log.warnf("Alarms: the open alarms cannot be read (%s); retrying",
                                (e.getCause() instanceof SQLException s ? s : e).getMessage());
                    }
                });
        Backoff.retried(attempt, e -> !(e instanceof RejectedExecutionException)) // not once stopping
                .subscribe().with(done -> { }, e -> { });
    }

    private boolean loadNow() {
        try {
            AlarmLoad.load(book, watches, authoritative());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        loaded = true;
        // The walls' snapshot holds the open alarms from the start, not from their next change.
        announce(book.open());
        judge(List.copyOf(tiles.values())); // the tiles as they stand (a warm start's): judged like any change
        return true;
    }

    private void arrived(List<TileState> changed) {
        changed.forEach(t -> arrived.put(t.id(), t));
        if (drainPending.compareAndSet(false, true) && !thread.submit(this::drain)) {
            drainPending.set(false); // stopping
        }
    }

    private void drain() {
        drainPending.set(false);
        List<TileState> batch = new ArrayList<>(arrived.size());
        for (String id : List.copyOf(arrived.keySet())) {
            TileState t = arrived.remove(id);
            if (t != null) {
                batch.add(t);
            }
        }
        judge(batch);
    }

    private void judge(List<TileState> changed) {
        try {
            long now = System.currentTimeMillis();
            for (TileState t : changed) {
                if (t.isRebuilding()) {
                    continue; // a tile a catalog change built, its past being read: a partial figure judges nothing
                }
                tiles.put(t.id(), t);
                for (Watch w : watches.onTile(t.id())) {
                    conditions.tile(w, t, now);
                    if (loaded) {
                        reconciler.reconcile(w, now);
                    }
                }
            }
        } catch (RuntimeException e) {
            Log.error("Alarms: judging tiles failed", e);
        }
    }

    /** Every tick; an exception must not end the schedule (delays, escalation, shelving would stop for good). */
    private void tick() {
        if (!loaded) {
            return;
        }
        if (closePending > 0) {
            closeGone(closePending);
        }
        try {
            long now = System.currentTimeMillis();
            for (Watch w : watches.all()) {
                conditions.tick(w, now);
                reconciler.reconcile(w, now);
            }
            book.tick(Instant.ofEpochMilli(now));
            boolean flood = book.flood(Instant.ofEpochMilli(now)).active();
            if (flood != floodShown) { // a flood also ends without any alarm changing: the walls must hear of it
                floodShown = flood;
                announce(List.of());
            }
        } catch (SQLException e) {
            Log.debugf("Alarms: tick: %s", e.getMessage());
        } catch (RuntimeException e) {
            Log.error("Alarms: tick failed", e);
        }
    }

    private void sync() {
        try {
            if (loaded) {
                book.sync(++syncs % 20 == 0); // every 10 s, every open alarm compared too
            }
        } catch (SQLException e) {
            Log.debugf("Alarms: sync: %s", e.getMessage());
        } catch (RuntimeException e) {
            Log.error("Alarms: sync failed", e);
        }
    }
}
