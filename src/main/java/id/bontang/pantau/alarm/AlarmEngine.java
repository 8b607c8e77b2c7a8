package id.bontang.pantau.alarm;

import id.bontang.pantau.broker.MqttConfig;
import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.catalog.Area;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.indicator.TileState;
import id.bontang.pantau.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the catalog's alarm rules: each tile change (from the indicator engine) and each tick (for delays, silence, shelving and
 * escalation) updates the rules' {@link Watch}es, and the {@link Reconciler} makes their alarms follow. All on one
 * thread, so the rules need no locks; the {@link AlarmBook}'s changes go to the listeners (the walls) and, for
 * changes made here, out over MQTT.
 */
@Startup
@Singleton
public class AlarmEngine {

    private final List<Watch> watches = new ArrayList<>();
    private final Map<String, List<Watch>> byTile = new HashMap<>();
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
    private final AlarmMetrics metrics;
    private volatile boolean loaded;
    private boolean floodShown;
    private int syncs;
    private final AlarmStore kept;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pantau-alarms");
        t.setDaemon(true);
        return t;
    });

    public AlarmEngine(Catalog catalog, IndicatorEngine engine, Store store, AlarmConfig config, AlarmOut out,
            MeterRegistry registry, FrozenWalls walls, MqttConfig mqtt) {
        this.engine = engine;
        this.store = store;
        this.config = config;
        this.conditions = new Conditions(engine.activity(), walls, System.currentTimeMillis());
        Map<String, String> areaNames = new LinkedHashMap<>();
        for (Area a : catalog.areas()) {
            areaNames.put(a.slug(), a.name());
        }
        // Each instance sees its own walls: its walls alarm is its own.
        String instance = mqtt.instance().orElse("pantau");
        for (AlarmRule rule : catalog.alarms()) {
            for (AlarmRule.Subject s : rule.subjects()) {
                AlarmRule.Subject subject = rule.kind() != AlarmRule.Kind.WALLS ? s : new AlarmRule.Subject(s.id() + "/"
                        + instance, null, null, null, instance, List.of(), null);
                Watch w = new Watch(rule, subject);
                watches.add(w);
                if (subject.tile() != null) {
                    byTile.computeIfAbsent(subject.tile(), k -> new ArrayList<>()).add(w);
                }
            }
        }
        this.kept = store.enabled() ? new JdbcAlarmStore(store) : new MemoryAlarmStore();
        this.book = new AlarmBook(kept, config);
        book.listen((alarms, local) -> announce(alarms));
        book.listen((alarms, local) -> {
            if (local) {
                out.publish(alarms);
            }
        });
        this.metrics = new AlarmMetrics(book, registry);
        this.reconciler = new Reconciler(book, metrics, conditions, areaNames, tiles::get);
    }

    @PostConstruct
    void start() {
        engine.listen(this::arrived); // the tiles as they stand first, then every change
        if (store.enabled()) {
            Log.infof("Alarms: %d rules watching %d subjects; kept in the database, shared by every instance",
                    watches.stream().map(w -> w.rule).distinct().count(), watches.size());
            store.whenReady(() -> thread.execute(this::load));
            long sync = config.syncInterval().toMillis();
            thread.scheduleWithFixedDelay(this::sync, sync, sync, TimeUnit.MILLISECONDS);
        } else {
            Log.warnf("Alarms: %d subjects watched; persistence is off, so alarms live in memory and are gone at a restart",
                    watches.size());
            thread.execute(this::load);
        }
        long tick = config.tick().toMillis();
        thread.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        thread.shutdownNow();
        metrics.remove();
    }

    /** Closed alarms are history for a while ({@code pantau.alarms.retention}), not for ever; open ones stay. */
    @Scheduled(every = "1h", delayed = "2m")
    void forgetOldHistory() {
        if (store.enabled() && !store.up()) {
            return;
        }
        try {
            int n = kept.forgetClosedBefore(Instant.now().minus(config.retention()));
            if (n > 0) {
                Log.infof("Alarms: forgot %d alarms closed more than %s ago, with their events", n, config.retention());
            }
        } catch (SQLException e) {
            Log.debugf("Alarms: old history not forgotten this hour: %s", e.getMessage());
        }
    }

    /**
     * Adds a listener (the walls): it hears every change from now on, then the open alarms as they stand (when they are
     * loaded already). Hearing an open alarm twice is harmless; missing one is not.
     */
    public void listen(AlarmListener listener) {
        listeners.add(listener);
        thread.execute(() -> {
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

    /** The open alarms' counts by severity and the flood state: sent with every alarms message. */
    Map<String, Object> summary() {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        int suppressed = 0;
        for (Alarm a : book.open()) {
            if (a.annunciated()) {
                bySeverity.merge(String.valueOf(a.severity()), 1, Integer::sum);
            } else {
                suppressed++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", bySeverity);
        m.put("suppressed", suppressed);
        m.put("flood", book.flood(Instant.now()));
        return m;
    }

    private void load() {
        try {
            book.load();
            Set<String> watched = new HashSet<>();
            for (Watch w : watches) {
                watched.add(w.rule.id() + "/" + w.subject.id());
                Alarm a = book.current(w.rule.id(), w.subject.id());
                if (a != null && a.active()) {
                    w.resume(a.severity());
                }
            }
            // A rule (or its subject) gone from the catalog since: nothing will ever clear its alarms but this.
            Instant now = Instant.now();
            for (Alarm a : book.open()) {
                if (a.active() && !watched.contains(a.rule() + "/" + a.subject())
                        && !isOtherInstancesWalls(a)) {
                    Log.infof("Alarms: %d (%s on %s) cleared: the catalog has no such rule and subject now", a.id(), a.rule(),
                            a.subject());
                    book.apply(Lifecycle.clear(a, null, now));
                }
            }
            loaded = true;
            // The walls' snapshot holds the open alarms from the start, not from their next change.
            announce(book.open());
            judge(List.copyOf(tiles.values())); // the tiles as they stand (a warm start's): judged like any change
        } catch (SQLException | RuntimeException e) {
            Log.warnf("Alarms: the open alarms cannot be read (%s); retrying", e.getMessage());
            thread.schedule(this::load, 2, TimeUnit.SECONDS);
        }
    }

    /** Another instance's walls alarm is its own business (its subject names it). */
    private boolean isOtherInstancesWalls(Alarm a) {
        return watches.stream().anyMatch(w -> w.rule.kind() == AlarmRule.Kind.WALLS && w.rule.id().equals(a.rule()));
    }

    private void arrived(List<TileState> changed) {
        changed.forEach(t -> arrived.put(t.id(), t));
        if (drainPending.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                drainPending.set(false); // stopping
            }
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
                tiles.put(t.id(), t);
                for (Watch w : byTile.getOrDefault(t.id(), List.of())) {
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
        try {
            long now = System.currentTimeMillis();
            for (Watch w : watches) {
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
