package id.bontang.pantau.indicator;

import java.util.TreeSet;

/**
 * The event times already applied for one series, forgetting those older than the horizon its windows
 * need. A sorted set: O(log n) whatever the order readings arrive in (a replayed backlog may come in
 * any order), and forgetting is dropping its head.
 */
final class SeenTimes {

    private final TreeSet<Long> times = new TreeSet<>();

    /** @return false when {@code t} was already added (a duplicate) */
    boolean add(long t, long cutoff) {
        while (!times.isEmpty() && times.first() < cutoff) {
            times.pollFirst();
        }
        return times.add(t);
    }

    int size() {
        return times.size();
    }
}
