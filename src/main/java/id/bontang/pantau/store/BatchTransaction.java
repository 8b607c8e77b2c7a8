package id.bontang.pantau.store;

import id.bontang.pantau.reading.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes one batch in one transaction: the idempotency keys of its events first ({@code event_key}: a record
 * whose key was stored before is a repeat and is left out, {@link FreshReadings}), then the readings, whose
 * conflict leaves out a row stored before (a duplicate), then the retained statuses that changed and the dead
 * letters. Its rows are counted once committed.
 */
final class BatchTransaction {

    private final Store store;
    private final Counter inserted;
    private final Counter duplicates;
    private final Counter repeats;
    private final Counter deadLettersDropped;

    BatchTransaction(Store store, MeterRegistry registry) {
        this.store = store;
        this.inserted = Counter.builder(BatchWriter.ROWS).tag("result", "inserted").description("Readings written")
                .register(registry);
        this.duplicates = Counter.builder(BatchWriter.ROWS).tag("result", "duplicate")
                .description("Readings already stored (a redelivery), ignored").register(registry);
        this.repeats = Counter.builder(BatchWriter.ROWS).tag("result", "repeat")
                .description("Readings of a record whose idempotency key was stored before, left out").register(registry);
        this.deadLettersDropped = Counter.builder(BatchWriter.DEAD_LETTERS_DROPPED)
                .description("Refused messages not stored because a batch already held its share").register(registry);
    }

    /**
     * Writes and commits the batch, filling each submission's {@code taken}; on failure they are emptied again,
     * for the next try.
     *
     * @param rows the readings the batch holds
     */
    void write(List<Submission> batch, int rows) throws SQLException {
        List<StoredRejection> rejections = new ArrayList<>();
        int limit = store.config().deadLettersPerBatch();
        for (Submission s : batch) {
            for (StoredRejection d : s.rejections()) {
                if (rejections.size() < limit) {
                    rejections.add(d);
                } else {
                    deadLettersDropped.increment();
                }
            }
        }
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            Set<FreshReadings.Key> fresh = BatchStatements.insertKeys(c, FreshReadings.keys(batch));
            List<Reading> taken = FreshReadings.take(batch, fresh);
            int written = taken.isEmpty() ? 0 : BatchStatements.insertReadings(c, taken);
            List<Reading> statuses = new ArrayList<>();
            batch.forEach(s -> statuses.addAll(s.statuses()));
            // An unchanged one counts as already stored, as a redelivered reading does.
            int changed = statuses.isEmpty() ? 0 : BatchStatements.insertChangedStatuses(c, statuses);
            if (!rejections.isEmpty()) {
                BatchStatements.insertRejections(c, rejections);
            }
            c.commit();
            inserted.increment(written + changed);
            duplicates.increment(taken.size() - written + statuses.size() - changed);
            repeats.increment(rows - taken.size());
        } catch (SQLException | RuntimeException e) {
            batch.forEach(s -> s.taken().clear());
            throw e;
        }
    }
}
