package id.bontang.pantau.notify;

import id.bontang.pantau.notify.NotifyStore.Delivery;
import id.bontang.pantau.notify.NotifyStore.Outcome;
import id.bontang.pantau.notify.NotifyStore.Try;
import id.bontang.pantau.support.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the outbox turns over on the machine's PostgreSQL (docs/benchmarks.md): 20,000 messages to 200 recipients,
 * claimed by two "instances" of four threads each (as many as the sending pool), each message renewed and finished
 * with its attempt recorded, as the worker does (each thread on a connection of its own, as Agroal's pool lends): messages per second, the time to claim and to finish a batch
 * (percentiles), and how many were claimed twice (must be 0). Run: {@code mvn -q exec:java@bench-outbox}.
 */
public final class OutboxBenchmark {

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 20_000;
        try (Postgres db = Outboxes.database()) {
            long plannedAt = System.nanoTime();
            Outboxes.plan(db, messages, 200);
            double planSeconds = (System.nanoTime() - plannedAt) / 1e9;
            ConcurrentHashMap<Long, Boolean> seen = new ConcurrentHashMap<>();
            AtomicLong twice = new AtomicLong();
            List<Long> claimMicros = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Long> finishMicros = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long started = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String instance = t < 4 ? "a" : "b";
                JdbcNotifyStore store = Outboxes.pooled(db, instance);
                all.add(pool.submit(() -> {
                    while (true) {
                        long c0 = System.nanoTime();
                        List<Delivery> ds = store.claim(instance, "webhook", Instant.now(), Duration.ofMinutes(2), 50);
                        claimMicros.add((System.nanoTime() - c0) / 1000);
                        if (ds.isEmpty()) {
                            return null;
                        }
                        long f0 = System.nanoTime();
                        store.renew(ds.stream().map(Delivery::id).toList(), instance, Instant.now().plusSeconds(120));
                        for (Delivery d : ds) {
                            if (seen.putIfAbsent(d.id(), true) != null) {
                                twice.incrementAndGet();
                            }
                            store.finish(d, new Outcome("sent", null, Instant.now(), "msg_" + d.id(), null, "204", true,
                                    new Try(Instant.now(), instance, "sent", 204, null, 1)));
                        }
                        finishMicros.add((System.nanoTime() - f0) / 1000 / ds.size());
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("outbox: %d messages planned in one transaction in %.2f s (%.0f/s)%n", messages, planSeconds,
                    messages / planSeconds);
            System.out.printf("outbox: %d messages claimed, renewed and finished by 2 instances x 4 threads in %.2f s: "
                    + "%.0f messages/s; claimed twice: %d%n", seen.size(), seconds, seen.size() / seconds, twice.get());
            System.out.printf("outbox: claim of up to 50: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; finish per message: p50 %.2f ms, "
                    + "p95 %.2f ms%n", pct(claimMicros, 50) / 1e3, pct(claimMicros, 95) / 1e3, pct(claimMicros, 99) / 1e3,
                    pct(finishMicros, 50) / 1e3, pct(finishMicros, 95) / 1e3);
            System.out.printf("outbox: sent %d, attempts recorded %d%n", db.number("SELECT count(*) FROM notify_delivery "
                    + "WHERE state = 'sent'"), db.number("SELECT count(*) FROM notify_attempt"));
        }
    }

    private static double pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
