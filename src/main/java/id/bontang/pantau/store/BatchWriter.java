package id.bontang.pantau.store;

import id.bontang.pantau.api.Backoff;
import id.bontang.pantau.reading.Reading;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes readings in batches, in order, each batch one transaction ({@link BatchTransaction}), on one thread. A
 * submission's future completes once its batch has committed (the durable subscription acknowledges then), with
 * the readings that were taken (not repeats of a key). While the database is down the same batch is retried with
 * backoff and nothing is dropped; submissions queue behind it (the broker's in-flight limit bounds them, since
 * nothing is acknowledged meanwhile).
 */
@Singleton
public class BatchWriter {

    public static final String ROWS = "pantau.store.rows";
    public static final String BATCH_ROWS = "pantau.store.batch.rows";
    public static final String COMMIT = "pantau.store.commit";
    public static final String BACKLOG = "pantau.store.backlog";
    public static final String DEAD_LETTERS_DROPPED = "pantau.store.dead.letters.dropped";

    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Store store;
    private final BatchTransaction transaction;
    private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final AtomicLong backlog = new AtomicLong();
    private final DistributionSummary batchRows;
    private final Timer commit;
    private volatile Thread thread;

    public BatchWriter(Store store, MeterRegistry registry) {
        this.store = store;
        this.transaction = new BatchTransaction(store, registry);
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
     * last stored status of its device (see {@link BatchStatements#insertChangedStatuses}).
     */
    public CompletableFuture<List<Reading>> submit(List<Reading> readings, List<StoredRejection> rejections,
            List<Reading> statuses) {
        start();
        Submission s = new Submission(readings, rejections, statuses, new CompletableFuture<>(),
                new ArrayList<>(readings.size()));
        backlog.addAndGet(readings.size());
        queue.add(s);
        return s.done();
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
        List<Submission> batch = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                batch.clear();
                Submission first = queue.take();
                batch.add(first);
                int rows = first.readings().size();
                long deadline = System.nanoTime() + delayNanos;
                while (rows < batchSize) {
                    // A burst arrives within microseconds; a millisecond of quiet means the batch is complete.
                    long wait = Math.min(LINGER_NANOS, deadline - System.nanoTime());
                    Submission next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    rows += next.readings().size();
                }
                writeUntilDone(batch, rows);
                for (Submission s : batch) {
                    backlog.addAndGet(-s.readings().size());
                    s.done().complete(s.taken());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilDone(List<Submission> batch, int rows) throws InterruptedException {
        // The one backoff (Backoff's durations), as a loop: this thread has nothing else to do meanwhile, and the
        // batch it holds keeps every later submission behind it in order.
        long delay = Backoff.INITIAL.toMillis();
        while (true) {
            if (store.ready() || store.prepare()) {
                try {
                    long start = System.nanoTime();
                    transaction.write(batch, rows);
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
}
