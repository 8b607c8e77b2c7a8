package id.bontang.pantau.notify;

import id.bontang.pantau.alarm.AlarmChange;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Notifications in memory, without a database: one instance, gone at a restart (the console says so). The same
 * states as in the database, so that the worker does not tell the two apart; the oldest finished messages are
 * forgotten past {@value #KEPT}.
 */
final class MemoryNotifyStore implements NotifyStore {

    static final int KEPT = 10_000;

    /** Filled by the alarm engine under its own lock: never this store's, so that the two never wait for each other. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Change> changes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong nextChange = new java.util.concurrent.atomic.AtomicLong(1);
    private final Map<Long, Delivery> deliveries = new LinkedHashMap<>();
    private final Map<Long, List<Try>> tries = new HashMap<>();
    private final Map<Long, String> messages = new HashMap<>();
    private final Map<Long, Instant> claimedUntil = new HashMap<>();
    private final Map<String, Stored> settings = new HashMap<>();
    private final Map<String, Instant> usedLinks = new HashMap<>();
    private final byte[] key = new byte[32];
    private long nextDelivery = 1;

    MemoryNotifyStore() {
        new SecureRandom().nextBytes(key);
    }

    /** An alarm change this instance stored: the memory's outbox. */
    void changed(AlarmChange c) {
        if (c.notified()) {
            changes.add(new Change(nextChange.getAndIncrement(), c.alarm().id(), 0, c.event().kind(), c.event().actor(),
                    c.event().time()));
        }
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public synchronized Stored settings(String key) {
        return settings.getOrDefault(key, new Stored(null, 0));
    }

    @Override
    public synchronized boolean saveSettings(String key, String doc, int expected, String by) {
        if (settings(key).version() != expected) {
            return false;
        }
        settings.put(key, new Stored(doc, expected + 1));
        return true;
    }

    @Override
    public synchronized Map<String, String> personal() {
        Map<String, String> docs = new HashMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith("user:")) {
                docs.put(k.substring(5), v.doc());
            }
        });
        return docs;
    }

    @Override
    /** The planner runs outside this store's lock (it reads the alarm, under the alarm engine's). */
    public int plan(int limit, Planner planner) throws SQLException {
        int n = 0;
        while (n < limit && !changes.isEmpty()) {
            Change c = changes.poll();
            List<Planned> planned;
            try {
                planned = planner.plan(c, told(c.alarmId()));
            } catch (RuntimeException e) {
                io.quarkus.logging.Log.errorf(e, "Notifications: change %d of alarm %d could not be planned; told nobody",
                        c.id(), c.alarmId());
                continue;
            }
            store(c, planned);
            n++;
        }
        return n;
    }

    private synchronized List<Delivery> told(long alarmId) {
        return select(d -> d.alarmId() == alarmId && !d.state().equals("failed") && !d.state().equals("cancelled"));
    }

    private synchronized void store(Change c, List<Planned> planned) {
        Set<String> scheduled = new HashSet<>();
        deliveries.values().forEach(d -> scheduled.add(d.alarmId() + " " + d.channel() + " " + d.recipient() + " "
                + d.scheduled()));
        for (Planned p : planned) {
            if (p.scheduled() == null || scheduled.add(p.alarmId() + " " + p.channel() + " " + p.recipient() + " "
                    + p.scheduled())) {
                long id = nextDelivery++;
                deliveries.put(id, new Delivery(id, p.alarmId(), p.kind(), p.channel(), p.recipient(), p.who(), p.rule(),
                        p.language(), p.scheduled(), p.dueAt(), p.failure() == null ? "pending" : "failed", 0, null, null,
                        p.failure(), p.scheduled() == null ? c.at() : p.dueAt(), false, null));
            }
        }
        forgetOldest();
    }

    private void forgetOldest() {
        var it = deliveries.values().iterator();
        while (deliveries.size() > KEPT && it.hasNext()) {
            Delivery d = it.next();
            if (!d.state().equals("pending") && !d.state().equals("sending")) {
                it.remove();
                tries.remove(d.id());
                messages.remove(d.id());
                claimedUntil.remove(d.id());
            }
        }
    }

    @Override
    public synchronized List<Delivery> claim(String instance, String channel, Instant now, Duration lease, int limit) {
        List<Delivery> due = select(d -> d.channel().equals(channel) && (d.state().equals("pending") && !d.dueAt().isAfter(now)
                || d.state().equals("sending") && claimedUntil.getOrDefault(d.id(), Instant.MAX).isBefore(now))).stream()
                .sorted(Comparator.comparing(Delivery::dueAt).thenComparing(Delivery::id)).limit(limit).toList();
        List<Delivery> claimed = new ArrayList<>();
        for (Delivery d : due) {
            Delivery c = with(d, "sending", d.dueAt(), d.sentAt(), d.providerRef(), d.result(), d.attempts(),
                    d.state().equals("sending"));
            deliveries.put(d.id(), c);
            claimedUntil.put(d.id(), now.plus(lease));
            claimed.add(c);
        }
        return claimed;
    }

    @Override
    public synchronized void finish(Delivery d, Outcome o) {
        Delivery now = deliveries.get(d.id());
        if (now == null) {
            return;
        }
        deliveries.put(d.id(), with(now, o.state(), o.dueAt() == null ? now.dueAt() : o.dueAt(),
                o.sentAt() == null ? now.sentAt() : o.sentAt(), o.providerRef() == null ? now.providerRef() : o.providerRef(),
                o.result(), now.attempts() + (o.attempted() ? 1 : 0), false));
        claimedUntil.remove(d.id());
        if (o.message() != null) {
            messages.put(d.id(), o.message());
        }
        if (o.recorded() != null) {
            record(d.id(), o.recorded());
        }
    }

    @Override
    public synchronized void record(long deliveryId, Try t) {
        tries.computeIfAbsent(deliveryId, k -> new ArrayList<>()).add(t);
    }

    @Override
    public synchronized Optional<String> firstRef(long alarmId, String channel, String recipient) {
        return select(d -> d.alarmId() == alarmId && d.channel().equals(channel) && d.recipient().equals(recipient)
                && d.state().equals("sent") && d.providerRef() != null
                && !messages.getOrDefault(d.id(), "").contains(id.bontang.pantau.notify.Planner.DIGEST_ID)).stream()
                .min(Comparator.comparing(Delivery::sentAt)).map(Delivery::providerRef);
    }

    @Override
    public synchronized Recent sentSince(String channel, String recipient, Instant since) {
        List<Delivery> sent = select(d -> d.channel().equals(channel) && d.recipient().equals(recipient)
                && d.state().equals("sent") && !d.sentAt().isBefore(since));
        Set<String> distinct = new HashSet<>();
        sent.forEach(d -> distinct.add(messages.getOrDefault(d.id(), String.valueOf(d.id()))));
        Instant last = sent.stream().map(Delivery::sentAt).max(Comparator.naturalOrder()).orElse(null);
        Instant first = sent.stream().map(Delivery::sentAt).min(Comparator.naturalOrder()).orElse(null);
        return new Recent(distinct.size(), first, last);
    }

    @Override
    public synchronized List<Delivery> trail(long alarmId) {
        List<Delivery> ds = new ArrayList<>(select(d -> d.alarmId() == alarmId));
        java.util.Collections.reverse(ds);
        return ds.stream().map(d -> d.withTries(List.copyOf(tries.getOrDefault(d.id(), List.of())))).toList();
    }

    @Override
    public synchronized Map<String, Long> pending() {
        Map<String, Long> byChannel = new LinkedHashMap<>();
        Instant now = Instant.now();
        select(d -> (d.state().equals("pending") || d.state().equals("sending"))
                && (d.scheduled() == null || !d.dueAt().isAfter(now) || d.attempts() > 0))
                .forEach(d -> byChannel.merge(d.channel(), 1L, Long::sum));
        return byChannel;
    }

    @Override
    public byte[] linkKey() {
        return key.clone();
    }

    @Override
    public synchronized List<Long> renew(List<Long> ids, String instance, Instant until) {
        List<Long> held = ids.stream().filter(id -> deliveries.containsKey(id) && deliveries.get(id).state().equals("sending"))
                .toList();
        held.forEach(id -> claimedUntil.put(id, until));
        return held;
    }

    @Override
    public synchronized void release(List<Long> ids, String instance) {
        for (Long id : ids) {
            Delivery d = deliveries.get(id);
            if (d != null && d.state().equals("sending")) {
                deliveries.put(id, with(d, "pending", d.dueAt(), d.sentAt(), d.providerRef(), d.result(), d.attempts(), false));
                claimedUntil.remove(id);
            }
        }
    }

    @Override
    public synchronized boolean linkUsed(String nonce) {
        return usedLinks.containsKey(nonce);
    }

    @Override
    public synchronized boolean useLink(String nonce, String by, Instant expires) {
        usedLinks.values().removeIf(until -> until.isBefore(Instant.now())); // an expired link is refused anyway
        return usedLinks.putIfAbsent(nonce, expires) == null;
    }

    private List<Delivery> select(Predicate<Delivery> p) {
        return deliveries.values().stream().filter(p).toList();
    }

    private static Delivery with(Delivery d, String state, Instant due, Instant sent, String ref, String result, int attempts,
            boolean resumed) {
        return new Delivery(d.id(), d.alarmId(), d.kind(), d.channel(), d.recipient(), d.who(), d.rule(), d.language(),
                d.scheduled(), due, state, attempts, sent, ref, result, d.changedAt(), resumed, null);
    }
}
