package id.bontang.pantau.indicator;

import java.time.Duration;

/**
 * A sliding event-time window kept as {@value #BUCKETS} buckets of equal length (one minute for 24 h,
 * 2.5 s for 1 h), each holding the count, sum, min and max of its readings. A reading costs O(1) and a
 * query one pass over the buckets, whatever the message rate; memory is fixed. A reading lands in the
 * bucket of its own timestamp, so late and out-of-order readings count where they belong; one older than
 * the window changes nothing. The window is the current bucket and the ones before it: its far edge is
 * exact to one bucket.
 */
final class SlidingWindow {

    static final int BUCKETS = 1440;

    private final long bucketMillis;
    private final long[] epoch = new long[BUCKETS];
    private final Stats[] buckets = new Stats[BUCKETS];

    SlidingWindow(Duration length) {
        this.bucketMillis = Math.max(1, (length.toMillis() + BUCKETS - 1) / BUCKETS);
        java.util.Arrays.fill(epoch, Long.MIN_VALUE);
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = new Stats();
        }
    }

    /** @return false when the reading is older than the window (relative to {@code now}) and was ignored */
    boolean add(long time, double value, long now) {
        long b = Math.floorDiv(time, bucketMillis);
        if (b <= Math.floorDiv(now, bucketMillis) - BUCKETS) {
            return false;
        }
        int slot = (int) Math.floorMod(b, BUCKETS);
        if (epoch[slot] != b) {
            if (epoch[slot] > b) {
                return false; // the slot already holds a newer bucket: this reading is out of the window
            }
            epoch[slot] = b;
            buckets[slot].clear();
        }
        buckets[slot].add(value);
        return true;
    }

    /** The readings of the window ending at {@code now} (readings slightly in the future included). */
    Stats stats(long now) {
        Stats s = new Stats();
        long oldest = Math.floorDiv(now, bucketMillis) - BUCKETS + 1;
        for (int i = 0; i < BUCKETS; i++) {
            if (epoch[i] >= oldest) {
                s.add(buckets[i]);
            }
        }
        return s;
    }

    /** How many distinct clock hours of the window hold a reading (ISPU's partial-window rule). */
    int distinctHours(long now) {
        long oldest = Math.floorDiv(now, bucketMillis) - BUCKETS + 1;
        java.util.BitSet hours = new java.util.BitSet();
        long firstHour = Math.floorDiv(oldest * bucketMillis, 3_600_000L);
        for (int i = 0; i < BUCKETS; i++) {
            if (epoch[i] >= oldest && buckets[i].count > 0) {
                hours.set((int) (Math.floorDiv(epoch[i] * bucketMillis, 3_600_000L) - firstHour));
            }
        }
        return hours.cardinality();
    }
}
