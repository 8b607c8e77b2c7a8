package id.bontang.pantau.store;

import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which readings of a batch to store: a record with an {@code id} is one event per source and id
 * ({@link Identity}), so the readings of a record whose key the database held before, or that another
 * submission of the batch brought first, are repeats and left out. Readings without an id are all taken: one
 * stored before is the insert's conflict (a duplicate), not a repeat.
 */
final class FreshReadings {

    /** An event's idempotency key in the database: per source. */
    record Key(String source, String id) {
    }

    private FreshReadings() {
    }

    /** The idempotency keys the batch brings, each with the time of its first reading. */
    static Map<Key, Long> keys(List<Submission> batch) {
        Map<Key, Long> keys = new HashMap<>();
        for (Submission s : batch) {
            for (Reading r : s.readings()) {
                if (r.event() != null) {
                    keys.putIfAbsent(new Key(r.source(), r.event()), r.time().toEpochMilli());
                }
            }
        }
        return keys;
    }

    /**
     * The readings to store, also added to each submission's {@code taken}: all but those of a record whose key
     * is not new. A new key belongs to the first submission that brings it; in another one of the same batch it
     * is a repeat.
     *
     * @param fresh the keys the database had not held
     */
    static List<Reading> take(List<Submission> batch, Set<Key> fresh) {
        Map<Key, Submission> owner = new HashMap<>();
        List<Reading> taken = new ArrayList<>();
        for (Submission s : batch) {
            Set<String> seen = new HashSet<>();
            for (Reading r : s.readings()) {
                if (r.event() != null) {
                    Key k = new Key(r.source(), r.event());
                    if (!fresh.contains(k) || owner.computeIfAbsent(k, x -> s) != s || !seen.add(r.event() + "\0" + r.metric())) {
                        continue;
                    }
                }
                s.taken().add(r);
                taken.add(r);
            }
        }
        return taken;
    }
}
