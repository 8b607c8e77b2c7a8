package id.bontang.pantau.store;

import id.bontang.pantau.reading.Reading;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One {@link BatchWriter#submit}: what to store, and the future it completes once its batch has committed.
 *
 * @param statuses retained statuses sent again, stored only when they change the device's last stored status
 * @param taken    filled while the batch is written: the readings stored or already stored, not repeats of an id
 */
record Submission(List<Reading> readings, List<StoredRejection> rejections, List<Reading> statuses,
        CompletableFuture<List<Reading>> done, List<Reading> taken) {
}
