package id.bontang.pantau.alarm;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.catalog.Area;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.Title;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.wall.Tile;
import id.bontang.pantau.wall.TileHub;
import id.bontang.pantau.wall.WallAlarm;
import id.bontang.pantau.wall.WallHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the catalog's alarm rules: each tile change (from the hub) and each tick (for delays, silence, shelving and
 * escalation) updates the rules' {@link Watch}es, and where a watch and its alarm disagree, the {@link AlarmBook}
 * makes the transition. All on one thread, so the rules need no locks; the book's changes go to the wall and,
 * for changes made here, out over MQTT.
 */
@Startup
@Singleton
public class AlarmEngine {


    private final List<Watch> watches = new ArrayList<>();
    private final Map<String, List<Watch>> byTile = new HashMap<>();
    private final Map<String, Tile> tiles = new HashMap<>();
    private final Map<String, String> areaNames = new LinkedHashMap<>();
    private final AlarmBook book;
    private final Store store;
    private final TileHub hub;
    private final Conditions conditions;
    private final AlarmConfig config;
    private volatile boolean loaded;
    private boolean floodShown;
    private final AlarmMetrics metrics;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pantau-alarms");
        t.setDaemon(true);
        return t;
    });

    public AlarmEngine(Catalog catalog, TileHub hub, IndicatorEngine engine, Store store, AlarmConfig config, AlarmOut out,
            MeterRegistry registry, WallHealth walls) {
        this.hub = hub;
        this.store = store;
        this.config = config;
        this.conditions = new Conditions(engine.activity(), walls, System.currentTimeMillis());
        for (Area a : catalog.areas()) {
            areaNames.put(a.slug(), a.name());
        }
        for (AlarmRule rule : catalog.alarms()) {
            for (AlarmRule.Subject s : rule.subjects()) {
                Watch w = new Watch(rule, s);
                watches.add(w);
                if (s.tile() != null) {
                    byTile.computeIfAbsent(s.tile(), k -> new ArrayList<>()).add(w);
                }
            }
        }
        this.book = new AlarmBook(store.enabled() ? new JdbcAlarmStore(store) : new MemoryAlarmStore(), config);
        book.listen((alarms, local) -> hub.publishAlarms(alarms.stream().map(a -> new WallAlarm(String.valueOf(a.id()),
                a.open(), a)).toList(), summary()));
        book.listen((alarms, local) -> {
            if (local) {
                out.publish(alarms);
            }
        });
        this.metrics = new AlarmMetrics(book, registry);
    }

    @PostConstruct
    void start() {
        // On the alarm thread, after the listener: a change published meanwhile is applied before this newer copy.
        hub.onTiles(changed -> thread.execute(() -> onTiles(changed)));
        thread.execute(() -> hub.tiles().forEach(t -> tiles.put(t.id(), t)));
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

    AlarmBook book() {
        return book;
    }

    /** The open alarms' counts by severity and the flood state: sent with every alarms message. */
    Map<String, Object> summary() {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        int shelved = 0;
        for (Alarm a : book.open()) {
            if (a.annunciated()) {
                bySeverity.merge(String.valueOf(a.severity()), 1, Integer::sum);
            } else {
                shelved++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", bySeverity);
        m.put("suppressed", shelved);
        m.put("flood", book.flood(Instant.now()));
        return m;
    }

    private void load() {
        try {
            book.load();
            java.util.Set<String> watched = new java.util.HashSet<>();
            for (Watch w : watches) {
                watched.add(w.rule.id() + "/" + w.subject.id());
                Alarm a = book.current(w.rule.id(), w.subject.id());
                if (a != null && a.active()) {
                    w.resume(a.severity());
                    w.agree(a);
                }
            }
            // A rule (or its subject) gone from the catalog since: nothing will ever clear its alarms but this.
            Instant now = Instant.now();
            for (Alarm a : book.open()) {
                if (a.active() && !watched.contains(a.rule() + "/" + a.subject())) {
                    Log.infof("Alarms: %d (%s on %s) cleared: the catalog has no such rule and subject now", a.id(), a.rule(),
                            a.subject());
                    book.apply(Lifecycle.clear(a, null, now));
                }
            }
            loaded = true;
            onTiles(List.copyOf(tiles.values())); // the tiles as they stand (a warm start's): judged like any change
            hub.publishAlarms(List.of(), summary());
        } catch (SQLException e) {
            Log.warnf("Alarms: the open alarms cannot be read (%s); retrying", e.getMessage());
            thread.schedule(this::load, 2, TimeUnit.SECONDS);
        }
    }

    private void onTiles(List<Tile> changed) {
        long now = System.currentTimeMillis();
        for (Tile t : changed) {
            tiles.put(t.id(), t);
            for (Watch w : byTile.getOrDefault(t.id(), List.of())) {
                conditions.tile(w, t, now);
                reconcile(w, now);
            }
        }
    }

    private void tick() {
        if (!loaded) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Watch w : watches) {
            conditions.tick(w, now);
            reconcile(w, now);
        }
        try {
            book.tick(Instant.ofEpochMilli(now));
        } catch (SQLException e) {
            Log.debugf("Alarms: tick: %s", e.getMessage());
        }
        boolean flood = book.flood(Instant.ofEpochMilli(now)).active();
        if (flood != floodShown) { // a flood also ends without any alarm changing: the walls must hear of it
            floodShown = flood;
            hub.publishAlarms(List.of(), summary());
        }
    }

    private void sync() {
        try {
            if (loaded) {
                book.sync();
            }
        } catch (SQLException e) {
            Log.debugf("Alarms: sync: %s", e.getMessage());
        } catch (RuntimeException e) {
            Log.error("Alarms: sync failed", e);
        }
    }

    /** Makes the alarm agree with its watch. */
    private void reconcile(Watch w, long now) {
        if (!loaded) {
            return;
        }
        Alarm a = book.current(w.rule.id(), w.subject.id());
        int s = w.effective();
        Instant at = Instant.ofEpochMilli(now);
        try {
            if (a != null && a.active() && !w.agrees(a)) {
                // Raised (or re-activated) by another instance, or before a restart: clear only after this one's
                // off-delay too.
                w.agree(a);
                if (s == 0 && !w.tracking()) {
                    w.resume(a.severity());
                    return;
                }
            }
            if (s > 0) {
                if (a == null) {
                    if (!book.outOfService(source(w))) {
                        book.raise(candidate(w, s, at), at);
                    }
                } else if (!a.active()) {
                    book.apply(Lifecycle.reactivate(a, s, message(w, s), w.value(), book.chattering(a.id(), now), at));
                } else if (a.severity() != s) {
                    book.apply(Lifecycle.severity(a, s, message(w, s), w.value(), at));
                }
            } else if (a != null && a.active()) {
                book.apply(Lifecycle.clear(a, w.value(), at));
            }
            Alarm after = book.current(w.rule.id(), w.subject.id());
            if (after != null) {
                w.agree(after);
            }
        } catch (SQLException e) {
            metrics.notStored();
            Log.debugf("Alarms: %s/%s not stored (%s); tried again at the next tick", w.rule.id(), w.subject.id(),
                    e.getMessage());
        }
    }

    private Title message(Watch w, int severity) {
        Tile t = w.subject.tile() == null ? null : tiles.get(w.subject.tile());
        String area = w.subject.area() == null ? "" : areaNames.getOrDefault(w.subject.area(), w.subject.area());
        Title m = AlarmMessages.of(w, t, area, severity);
        return w.rule.kind() == AlarmRule.Kind.WALLS ? m.fill("{walls}", conditions.frozenWalls()) : m;
    }

    private static String source(Watch w) {
        return w.subject.source() != null ? w.subject.source() : w.subject.id();
    }

    private Alarm candidate(Watch w, int severity, Instant now) {
        String unit = w.rule.kind() == AlarmRule.Kind.SILENT ? "min"
                : w.subject.tile() != null && tiles.containsKey(w.subject.tile()) ? tiles.get(w.subject.tile()).unit() : null;
        return new Alarm(0, w.rule.id(), w.subject.id(), source(w), w.subject.tile(), w.subject.area(), severity,
                message(w, severity), w.value(), unit, true, now, null, null, null, null, null, null, null, null, 1, false,
                false, 0);
    }

}
