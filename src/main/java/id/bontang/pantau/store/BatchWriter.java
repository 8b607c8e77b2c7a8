package id.bontang.pantau.store;

import id.bontang.pantau.api.Backoff;
import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes readings in batches, in order, each batch one transaction: the idempotency keys of its events first
 * ({@code event_key}: a record whose key was stored before is a repeat and is left out), then an
 * {@code INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING}, so a state stored twice is stored once. A
 * submission's future completes once its batch has committed (the durable subscription acknowledges then),
 * with the readings that were taken (not repeats of a key). While the database is down the
 * same batch is retried with backoff and nothing is dropped; submissions queue behind it (the broker's
 * in-flight limit bounds them, since nothing is acknowledged meanwhile).
 */
@Singleton
public class BatchWriter {

    public static final String ROWS = "pantau.store.rows";
    public static final String BATCH_ROWS = "pantau.store.batch.rows";
    public static final String COMMIT = "pantau.store.commit";
    public static final String BACKLOG = "pantau.store.backlog";
    public static final String DEAD_LETTERS_DROPPED = "pantau.store.dead.letters.dropped";

    private static final String INSERT_READINGS = "INSERT INTO reading (time, device_id, metric, value, event_id) "
            + "SELECT TIMESTAMPTZ 'epoch' + t * INTERVAL '1 millisecond', d, m, v, e "
            + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[], ?::text[]) AS x(t, d, m, v, e) ON CONFLICT DO NOTHING";
    private static final String INSERT_KEYS = "INSERT INTO event_key (source_id, id, time) "
            + "SELECT s, k, TIMESTAMPTZ 'epoch' + t * INTERVAL '1 millisecond' "
            + "FROM unnest(?::text[], ?::text[], ?::bigint[]) AS x(s, k, t) ON CONFLICT DO NOTHING RETURNING source_id, id";
    /**
     * A retained status sent again (at every start of a durable session): stored only when it differs from the
     * device's last stored status. After the statement for the other readings, so that it sees what the same
     * batch stored (a status queued while Pantau was away comes before the retained copy of it).
     */
    private static final String INSERT_CHANGED_STATUSES = "INSERT INTO reading (time, device_id, metric, value, event_id) "
            + "SELECT TIMESTAMPTZ 'epoch' + t * INTERVAL '1 millisecond', d, m, v, '' "
            + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[]) AS x(t, d, m, v) "
            + "WHERE v IS DISTINCT FROM (SELECT r.value FROM reading r WHERE r.device_id = x.d AND r.metric = x.m "
            + "ORDER BY r.time DESC LIMIT 1) ON CONFLICT DO NOTHING";
    private static final String INSERT_DEAD_LETTERS = "INSERT INTO dead_letter "
            + "(received_at, transport, topic, source, reason, field, detail, payload) "
            + "SELECT TIMESTAMPTZ 'epoch' + t * INTERVAL '1 millisecond', tr, tp, s, r, f, d, p "
            + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "AS x(t, tr, tp, s, r, f, d, p)";

    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private record Job(List<Reading> readings, List<StoredRejection> rejections, List<Reading> statuses,
            CompletableFuture<List<Reading>> done, List<Reading> taken) {
    }

    /** An event's idempotency key in the database: per source. */
    private record Key(String source, String id) {
    }

    private final Store store;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicLong backlog = new AtomicLong();
    private final Counter inserted;
    private final Counter duplicates;
    private final Counter repeats;
    private final Counter deadLettersDropped;
    private final DistributionSummary batchRows;
    private final Timer commit;
    private volatile Thread thread;

    public BatchWriter(Store store, MeterRegistry registry) {
        this.store = store;
        this.inserted = Counter.builder(ROWS).tag("result", "inserted").description("Readings written").register(registry);
        this.duplicates = Counter.builder(ROWS).tag("result", "duplicate")
                .description("Readings already stored (a redelivery), ignored").register(registry);
        this.repeats = Counter.builder(ROWS).tag("result", "repeat")
                .description("Readings of a record whose idempotency key was stored before, left out").register(registry);
        this.deadLettersDropped = Counter.builder(DEAD_LETTERS_DROPPED)
                .description("Refused messages not stored because a batch already held its share").register(registry);
        this.batchRows = DistributionSummary.builder(BATCH_ROWS).description("Readings per committed batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.commit = Timer.builder(COMMIT).description("Time to write and commit one batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder(BACKLOG, backlog, AtomicLong::get).description("Readings waiting to be written")
                .register(registry);
    }

    /**
     * Queues readings (and refusals to keep) for the next batch.
     *
     * @return completes once they are committed, with those taken (not repeats of an idempotency key stored
     *         before); never fails while Pantau runs (the writer retries)
     */
    public CompletableFuture<List<Reading>> submit(List<Reading> readings, List<StoredRejection> rejections) {
        return submit(readings, rejections, List.of());
    }

    /**
     * The same, with retained statuses sent again on a subscription: each is stored only when it differs from the
     * last stored status of its device (see {@link #insertChangedStatuses}).
     */
    public CompletableFuture<List<Reading>> submit(List<Reading> readings, List<StoredRejection> rejections,
            List<Reading> statuses) {
        start();
        Job job = new Job(readings, rejections, statuses, new CompletableFuture<>(), new ArrayList<>(readings.size()));
        backlog.addAndGet(readings.size());
        queue.add(job);
        return job.done;
    }

    /** Readings submitted and not yet committed. */
    public long backlog() {
        return backlog.get();
    }

    private synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, "pantau-writer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent e) {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        int batchSize = store.config().batchSize();
        long delayNanos = store.config().batchDelay().toNanos();
        List<Job> batch = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                batch.clear();
                Job first = queue.take();
                batch.add(first);
                int rows = first.readings.size();
                long deadline = System.nanoTime() + delayNanos;
                while (rows < batchSize) {
                    // A burst arrives within microseconds; a millisecond of quiet means the batch is complete.
                    long wait = Math.min(LINGER_NANOS, deadline - System.nanoTime());
                    Job next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    rows += next.readings.size();
                }
                writeUntilDone(batch, rows);
                for (Job j : batch) {
                    backlog.addAndGet(-j.readings.size());
                    j.done.complete(j.taken);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilDone(List<Job> batch, int rows) throws InterruptedException {
        // The one backoff (Backoff's durations), as a loop: this thread has nothing else to do meanwhile, and the
        // batch it holds keeps every later submission behind it in order.
        long delay = Backoff.INITIAL.toMillis();
        while (true) {
            if (store.ready() || store.prepare()) {
                try {
                    long start = System.nanoTime();
                    write(batch, rows);
                    commit.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    batchRows.record(rows);
                    store.markUp();
                    return;
                } catch (SQLException e) {
                    store.down(e);
                }
            }
            Log.debugf("Store: batch of %d readings not written; retrying in %d ms", rows, delay);
            Thread.sleep(delay); // backoff of the writer thread while the database is away
            delay = Math.min(delay * 2, Backoff.MAX.toMillis());
        }
    }

    private void write(List<Job> batch, int rows) throws SQLException {
        List<StoredRejection> rejections = new ArrayList<>();
        int limit = store.config().deadLettersPerBatch();
        for (Job j : batch) {
            for (StoredRejection d : j.rejections) {
                if (rejections.size() < limit) {
                    rejections.add(d);
                } else {
                    deadLettersDropped.increment();
                }
            }
        }
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            Set<Key> fresh = insertKeys(c, batch);
            List<Reading> taken = take(batch, fresh);
            int written = taken.isEmpty() ? 0 : insertReadings(c, taken);
            List<Reading> statuses = new ArrayList<>();
            batch.forEach(j -> statuses.addAll(j.statuses));
            // An unchanged one counts as already stored, as a redelivered reading does.
            int changed = statuses.isEmpty() ? 0 : insertChangedStatuses(c, statuses);
            if (!rejections.isEmpty()) {
                insertRejections(c, rejections);
            }
            c.commit();
            inserted.increment(written + changed);
            duplicates.increment(taken.size() - written + statuses.size() - changed);
            repeats.increment(rows - taken.size());
        } catch (SQLException | RuntimeException e) {
            batch.forEach(j -> j.taken.clear());
            throw e;
        }
    }

    /** Stores the batch's idempotency keys; returns those that are new. */
    private static Set<Key> insertKeys(Connection c, List<Job> batch) throws SQLException {
        // In one order on every instance: two writers taking the same keys in different orders could deadlock.
        Map<Key, Long> keys = new TreeMap<>(Comparator.comparing(Key::source).thenComparing(Key::id));
        for (Job j : batch) {
            for (Reading r : j.readings) {
                if (r.event() != null) {
                    keys.putIfAbsent(new Key(r.source(), r.event()), r.time().toEpochMilli());
                }
            }
        }
        Set<Key> fresh = new HashSet<>();
        if (keys.isEmpty()) {
            return fresh;
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_KEYS)) {
            p.setArray(1, c.createArrayOf("text", keys.keySet().stream().map(Key::source).toArray()));
            p.setArray(2, c.createArrayOf("text", keys.keySet().stream().map(Key::id).toArray()));
            p.setArray(3, c.createArrayOf("bigint", keys.values().toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    fresh.add(new Key(r.getString(1), r.getString(2)));
                }
            }
        }
        return fresh;
    }

    /**
     * The readings to store: all but those of a record whose key is not new. A new key belongs to the first
     * submission that brings it; in another one of the same batch it is a repeat.
     */
    private static List<Reading> take(List<Job> batch, Set<Key> fresh) {
        Map<Key, Job> owner = new HashMap<>();
        List<Reading> taken = new ArrayList<>();
        for (Job j : batch) {
            Set<String> seen = new HashSet<>();
            for (Reading r : j.readings) {
                if (r.event() != null) {
                    Key k = new Key(r.source(), r.event());
                    if (!fresh.contains(k) || owner.computeIfAbsent(k, x -> j) != j || !seen.add(r.event() + "\0" + r.metric())) {
                        continue;
                    }
                }
                j.taken.add(r);
                taken.add(r);
            }
        }
        return taken;
    }

    /**
     * The readings, each with its {@code event_id} ({@link Identity#storedEventId}); a row stored before is not
     * stored again.
     *
     * @return how many of the readings were new
     */
    static int insertReadings(Connection c, List<Reading> unordered) throws SQLException {
        // In key order, so that concurrent writers (other instances) never wait for each other in a circle.
        List<Reading> readings = new ArrayList<>(unordered);
        readings.sort(Comparator.comparing(Reading::source).thenComparing(Reading::metric).thenComparing(Reading::time));
        int n = readings.size();
        Long[] times = new Long[n];
        String[] sources = new String[n];
        String[] metrics = new String[n];
        Double[] values = new Double[n];
        String[] events = new String[n];
        for (int i = 0; i < n; i++) {
            Reading r = readings.get(i);
            times[i] = r.time().toEpochMilli();
            sources[i] = r.source();
            metrics[i] = r.metric();
            values[i] = r.value();
            events[i] = Identity.storedEventId(r);
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_READINGS)) {
            p.setArray(1, c.createArrayOf("bigint", times));
            p.setArray(2, c.createArrayOf("text", sources));
            p.setArray(3, c.createArrayOf("text", metrics));
            p.setArray(4, c.createArrayOf("float8", values));
            p.setArray(5, c.createArrayOf("text", events));
            return p.executeUpdate();
        }
    }

    /**
     * Retained statuses, each stored only when it differs from the last stored status of its device: the broker
     * sends the retained status again whenever a session subscribes, and storing it with that moment's time at
     * every start would write a change that did not happen.
     *
     * @return how many were stored
     */
    static int insertChangedStatuses(Connection c, List<Reading> statuses) throws SQLException {
        List<Reading> sorted = new ArrayList<>(statuses);
        sorted.sort(Comparator.comparing(Reading::source).thenComparing(Reading::time));
        int n = sorted.size();
        Long[] times = new Long[n];
        String[] sources = new String[n];
        String[] metrics = new String[n];
        Double[] values = new Double[n];
        for (int i = 0; i < n; i++) {
            Reading r = sorted.get(i);
            times[i] = r.time().toEpochMilli();
            sources[i] = r.source();
            metrics[i] = r.metric();
            values[i] = r.value();
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_CHANGED_STATUSES)) {
            p.setArray(1, c.createArrayOf("bigint", times));
            p.setArray(2, c.createArrayOf("text", sources));
            p.setArray(3, c.createArrayOf("text", metrics));
            p.setArray(4, c.createArrayOf("float8", values));
            return p.executeUpdate();
        }
    }

    static void insertRejections(Connection c, List<StoredRejection> rejections) throws SQLException {
        int n = rejections.size();
        Long[] t = new Long[n];
        String[][] cols = new String[7][n];
        for (int i = 0; i < n; i++) {
            StoredRejection d = rejections.get(i);
            t[i] = d.receivedAt().toEpochMilli();
            cols[0][i] = d.transport();
            cols[1][i] = d.topic();
            cols[2][i] = d.source();
            cols[3][i] = d.reason();
            cols[4][i] = d.field();
            cols[5][i] = d.detail();
            cols[6][i] = d.payload() == null ? null : d.payload().replace('\0', ' ');
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_DEAD_LETTERS)) {
            p.setArray(1, c.createArrayOf("bigint", t));
            for (int k = 0; k < 7; k++) {
                p.setArray(k + 2, c.createArrayOf("text", cols[k]));
            }
            p.executeUpdate();
        }
    }
}
