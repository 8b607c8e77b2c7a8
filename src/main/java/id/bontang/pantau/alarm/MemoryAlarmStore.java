package id.bontang.pantau.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alarms in memory, with persistence off (one instance, the live wall only): the open ones and the last
 * {@value #HISTORY} closed ones, with their events. Gone at a restart, as the log says.
 */
final class MemoryAlarmStore implements AlarmStore {

    static final int HISTORY = 10_000;

    private final Map<Long, Alarm> alarms = new LinkedHashMap<>();
    private final Map<Long, List<AlarmEvent>> events = new LinkedHashMap<>();
    private final Map<String, OutOfService> outOfService = new LinkedHashMap<>();
    private final Map<Long, Instant> updated = new LinkedHashMap<>();
    private long next = 1;

    @Override
    public synchronized Raised raise(Alarm a, AlarmEvent first) {
        Optional<Alarm> open = alarms.values().stream()
                .filter(o -> o.open() && o.rule().equals(a.rule()) && o.subject().equals(a.subject())).findFirst();
        if (open.isPresent()) {
            return new Raised(open.get(), false);
        }
        long id = next++;
        Alarm stored = a.stored(id);
        alarms.put(id, stored);
        updated.put(id, Instant.now());
        events.put(id, new ArrayList<>(List.of(first)));
        forgetOldest();
        return new Raised(stored, true);
    }

    private void forgetOldest() {
        long closed = alarms.values().stream().filter(a -> !a.open()).count();
        var it = alarms.values().iterator();
        while (closed > HISTORY && it.hasNext()) {
            Alarm a = it.next();
            if (!a.open()) {
                it.remove();
                events.remove(a.id());
                updated.remove(a.id());
                closed--;
            }
        }
    }

    @Override
    public synchronized int forgetClosedBefore(Instant before) {
        List<Long> old = alarms.values().stream().filter(a -> !a.open() && a.closedAt().isBefore(before)).map(Alarm::id).toList();
        old.forEach(id -> {
            alarms.remove(id);
            events.remove(id);
            updated.remove(id);
        });
        return old.size();
    }

    @Override
    public synchronized boolean update(Alarm next, AlarmEvent event) {
        Alarm stored = alarms.get(next.id());
        if (stored == null || stored.version() != next.version() - 1) {
            return false;
        }
        alarms.put(next.id(), next.withOutOfService(false));
        updated.put(next.id(), Instant.now());
        events.get(next.id()).add(event);
        return true;
    }

    @Override
    public synchronized Optional<Alarm> find(long id) {
        return Optional.ofNullable(alarms.get(id));
    }

    @Override
    public synchronized List<Alarm> query(AlarmQuery q) {
        return alarms.values().stream().filter(a -> !q.openOnly() || a.open())
                .sorted(Comparator.comparing(Alarm::raisedAt).thenComparing(Alarm::id).reversed()).toList();
    }

    @Override
    public synchronized List<AlarmEvent> events(long id) {
        return List.copyOf(events.getOrDefault(id, List.of()));
    }

    /** One instance shares it (or, in tests, two books standing for two instances). */
    @Override
    public synchronized List<Alarm> changedSince(Instant since) {
        return alarms.values().stream().filter(a -> updated.getOrDefault(a.id(), Instant.EPOCH).isAfter(since)).toList();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public synchronized Map<String, OutOfService> outOfService() {
        return Map.copyOf(outOfService);
    }

    @Override
    public synchronized void outOfService(OutOfService o) {
        outOfService.put(o.source(), o);
    }

    @Override
    public synchronized boolean inService(String source) {
        return outOfService.remove(source) != null;
    }
}
