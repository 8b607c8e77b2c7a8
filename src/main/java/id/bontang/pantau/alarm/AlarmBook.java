package id.bontang.pantau.alarm;

import id.bontang.pantau.alarm.AlarmStore.OutOfService;
import id.bontang.pantau.alarm.Lifecycle.Refused;
import id.bontang.pantau.alarm.Lifecycle.Transition;
import io.quarkus.logging.Log;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The open alarms as this instance knows them, kept in step with the store: every change is stored first (the
 * version check makes the first of two instances win), then applied here and handed to the listeners (the wall,
 * the outgoing MQTT channel). Changes made by another instance arrive through {@link #sync()}.
 */
final class AlarmBook {

    /** Receives every change: {@code local} when this instance made it (and publishes it out of Pantau). */
    interface Listener {
        void changed(List<Alarm> alarms, boolean local);
    }

    private final AlarmStore store;
    private final AlarmConfig config;
    private final Map<Long, Alarm> open = new LinkedHashMap<>();
    private final Map<String, Long> bySubject = new HashMap<>();
    private final Map<Long, ArrayDeque<Long>> activations = new HashMap<>();
    private final Flood flood;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<AlarmEvent>> events = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<AlarmChange>> stored = new CopyOnWriteArrayList<>();
    private Map<String, OutOfService> outOfService = Map.of();
    private Instant watermark = Instant.EPOCH;

    AlarmBook(AlarmStore store, AlarmConfig config) {
        this.store = store;
        this.config = config;
        this.flood = new Flood(config.floodCount(), config.floodWindow());
    }

    void listen(Listener l) {
        listeners.add(l);
    }

    /** Hears each event this instance stored (for the metrics). */
    void onEvent(java.util.function.Consumer<AlarmEvent> e) {
        events.add(e);
    }

    /** Hears each change this instance stored, with the alarm after it. */
    void onStored(java.util.function.Consumer<AlarmChange> c) {
        stored.add(c);
    }

    /** Loads the open alarms (after a restart, they are still open) and the sources out of service. */
    synchronized void load() throws SQLException {
        watermark = store.now();
        outOfService = store.outOfService();
        for (Alarm a : store.query(AlarmQuery.open())) {
            adopt(a);
        }
        Log.infof("Alarms: %d open alarms, %d sources out of service", open.size(), outOfService.size());
    }

    synchronized List<Alarm> open() {
        return List.copyOf(open.values());
    }

    synchronized Alarm current(String rule, String subject) {
        Long id = bySubject.get(rule + "/" + subject);
        return id == null ? null : open.get(id);
    }

    synchronized boolean outOfService(String source) {
        return source != null && outOfService.containsKey(source);
    }

    synchronized Map<String, OutOfService> sourcesOutOfService() {
        return outOfService;
    }

    synchronized Flood.Summary flood(Instant now) {
        return flood.summary(now.toEpochMilli());
    }

    /** A new alarm (or the one another instance raised a moment ago). */
    synchronized Alarm raise(Alarm candidate, Instant now) throws SQLException {
        AlarmEvent first = AlarmEvent.of(now, AlarmEvent.RAISED, candidate);
        AlarmStore.Raised r = store.raise(candidate, first);
        if (r.created()) {
            chattering(r.alarm().id(), now.toEpochMilli());
            events.forEach(e -> e.accept(first));
            AlarmChange change = new AlarmChange(r.alarm(), first);
            stored.forEach(s -> s.accept(change));
        }
        Alarm known = open.get(r.alarm().id());
        if (r.created() || known == null || known.version() < r.alarm().version()) {
            notify(List.of(adopt(r.alarm())), r.created());
        }
        return r.alarm();
    }

    /** Counts an activation; true when the alarm now chatters (ISA-18.2: 3 or more in a minute). */
    synchronized boolean chattering(long id, long now) {
        ArrayDeque<Long> times = activations.computeIfAbsent(id, k -> new ArrayDeque<>());
        times.addLast(now);
        while (!times.isEmpty() && now - times.peekFirst() > config.chatterWindow().toMillis()) {
            times.removeFirst();
        }
        return times.size() >= config.chatterCount();
    }

    /** Stores a transition; false when the alarm had changed meanwhile (its new state is read instead). */
    synchronized boolean apply(Transition t) throws SQLException {
        if (!store.update(t.next(), t.event())) {
            store.find(t.next().id()).ifPresent(a -> notify(List.of(adopt(a)), false));
            return false;
        }
        events.forEach(e -> e.accept(t.event()));
        AlarmChange change = new AlarmChange(t.next(), t.event());
        stored.forEach(s -> s.accept(change));
        notify(List.of(adopt(t.next())), true);
        return true;
    }

    /** An operator's action on an alarm, retried when the alarm changed under it. */
    Alarm act(long id, Function<Alarm, Transition> action) throws SQLException {
        for (int attempt = 0; attempt < 5; attempt++) {
            Alarm a = find(id).orElseThrow(() -> new Refused(404, "no alarm " + id));
            Transition t = action.apply(a);
            if (apply(t)) {
                return t.next();
            }
        }
        throw new Refused(409, "alarm " + id + " keeps changing; try again");
    }

    synchronized Optional<Alarm> find(long id) throws SQLException {
        Alarm a = open.get(id);
        return a != null ? Optional.of(a) : store.find(id).map(this::suppression);
    }

    List<Alarm> query(AlarmQuery q) throws SQLException {
        return store.query(q).stream().map(this::suppression).filter(q::matches).limit(q.limit()).toList();
    }

    List<AlarmEvent> events(long id) throws SQLException {
        return store.events(id);
    }

    /** Unshelves the alarms whose time is up, escalates those unacknowledged too long. */
    void tick(Instant now) throws SQLException {
        for (Alarm a : open()) {
            if (a.shelvedUntil() != null && !a.shelvedUntil().isAfter(now)) {
                apply(Lifecycle.unshelve(a, null, now));
            } else if (Lifecycle.dueToEscalate(a, config.escalateAfter(), now)) {
                apply(Lifecycle.escalate(a, now));
            }
        }
    }

    /** Takes a source out of service, or (reason null) back into it. */
    void service(String source, String actor, String reason, Instant now) throws SQLException {
        if (reason == null) {
            store.inService(source);
        } else {
            store.outOfService(new OutOfService(source, now, actor, reason));
        }
        refreshService(store.outOfService(), true);
    }

    /**
     * Reads what other instances changed since the last time (with a margin: commits are not in time order); with
     * {@code full}, every open alarm too, so that a commit later than the margin is not missed for good. Listeners
     * hear of the changes under the book's lock, in the order of their versions.
     */
    synchronized void sync(boolean full) throws SQLException {
        Instant now = store.now();
        List<Alarm> changed = new ArrayList<>();
        for (Alarm a : store.changedSince(watermark.minus(Duration.ofSeconds(5)))) {
            newer(a, changed);
        }
        if (full) {
            Set<Long> stillOpen = new HashSet<>();
            for (Alarm a : store.query(AlarmQuery.open())) {
                stillOpen.add(a.id());
                newer(a, changed);
            }
            for (Long id : List.copyOf(open.keySet())) {
                if (!stillOpen.contains(id)) {
                    store.find(id).ifPresent(a -> newer(a, changed));
                }
            }
        }
        watermark = now;
        notify(changed, false);
        refreshService(store.outOfService(), false);
    }

    private void newer(Alarm a, List<Alarm> changed) {
        Alarm known = open.get(a.id());
        boolean newer = known == null ? a.open() || !flood.seen(a.id()) : a.version() > known.version();
        if (newer) {
            changed.add(adopt(a));
        }
    }

    private synchronized void refreshService(Map<String, OutOfService> now, boolean local) {
        if (now.equals(outOfService)) {
            return;
        }
        outOfService = now;
        List<Alarm> changed = new ArrayList<>();
        for (Alarm a : List.copyOf(open.values())) {
            Alarm b = suppression(a);
            if (b != a) {
                open.put(b.id(), b);
                changed.add(b);
            }
        }
        notify(changed, local);
    }

    private Alarm suppression(Alarm a) {
        return a.withOutOfService(a.source() != null && outOfService.containsKey(a.source()));
    }

    private Alarm adopt(Alarm stored) {
        Alarm a = suppression(stored);
        flood.raised(a);
        if (a.open()) {
            open.put(a.id(), a);
            bySubject.put(a.rule() + "/" + a.subject(), a.id());
        } else {
            open.remove(a.id());
            bySubject.remove(a.rule() + "/" + a.subject(), a.id());
            activations.remove(a.id());
        }
        return a;
    }

    private void notify(List<Alarm> changed, boolean local) {
        if (!changed.isEmpty()) {
            listeners.forEach(l -> l.changed(changed, local));
        }
    }
}
