package id.bontang.pantau.reading;

import java.time.Duration;
import org.agrona.collections.Long2LongHashMap;

/**
 * A bounded memory of 64-bit keys ({@link Identity}) with a value each: every key is kept for at least the
 * horizon, and at most {@code capacity} keys are held whatever the rate. Keys live in generations (a third
 * of the horizon and a quarter of the capacity each); the oldest generation is forgotten once it is older
 * than the horizon, or earlier when the newest is full. What is forgotten early is counted
 * ({@link #forgotten()}): a repeat of it would no longer be recognised. About 25 bytes a key (Agrona's open-addressing map of primitive longs).
 *
 * <p>Not thread-safe: its owner locks.
 */
public final class RecentKeys {

    private static final int GENERATIONS = 4;

    private final long generationMillis;
    private final int perGeneration;
    private final Long2LongHashMap[] generations = new Long2LongHashMap[GENERATIONS];
    /** Start of the newest generation. */
    private long since = Long.MIN_VALUE;
    private int size;
    private long forgotten;

    public RecentKeys(Duration horizon, int capacity) {
        if (capacity < GENERATIONS) {
            throw new IllegalArgumentException("capacity must be at least " + GENERATIONS);
        }
        this.generationMillis = Math.max(1, horizon.toMillis() / (GENERATIONS - 1));
        this.perGeneration = capacity / GENERATIONS;
        for (int i = 0; i < GENERATIONS; i++) {
            generations[i] = new Long2LongHashMap(0L);
        }
    }

    /** The value of {@code key}, or 0 when it is not remembered. */
    public long get(long key, long now) {
        roll(now);
        for (Long2LongHashMap g : generations) {
            long v = g.get(key);
            if (v != 0) {
                return v;
            }
        }
        return 0;
    }

    /** Remembers {@code key} with a value (not 0); an existing key keeps its age. */
    public void put(long key, long value, long now) {
        roll(now);
        for (Long2LongHashMap g : generations) {
            if (g.containsKey(key)) {
                g.put(key, value);
                return;
            }
        }
        if (generations[0].size() >= perGeneration) {
            // Full before its time: the oldest generation goes early, and a repeat of it would count again.
            rotate(true);
            since = now;
        }
        generations[0].put(key, value);
        size++;
    }

    /** @return false when {@code key} was already remembered */
    public boolean add(long key, long now) {
        if (get(key, now) != 0) {
            return false;
        }
        put(key, 1, now);
        return true;
    }

    public void remove(long key) {
        for (Long2LongHashMap g : generations) {
            if (g.containsKey(key)) {
                g.remove(key);
                size--;
                return;
            }
        }
    }

    /** Keys held now. */
    public int size() {
        return size;
    }

    /** Keys dropped before the horizon because the memory was full. */
    public long forgotten() {
        return forgotten;
    }

    private void roll(long now) {
        if (since == Long.MIN_VALUE) {
            since = now;
        }
        // A clock far ahead (a test, a jump) forgets everything: at most GENERATIONS rotations.
        for (int i = 0; i < GENERATIONS && now - since >= generationMillis; i++) {
            rotate(false);
            since += generationMillis;
        }
        if (now - since >= generationMillis) {
            since = now;
        }
    }

    /** A new empty generation; the oldest is dropped. */
    private void rotate(boolean early) {
        Long2LongHashMap oldest = generations[GENERATIONS - 1];
        int dropped = oldest.size();
        if (early) {
            forgotten += dropped;
        }
        size -= dropped;
        oldest.clear();
        oldest.compact();
        System.arraycopy(generations, 0, generations, 1, GENERATIONS - 1);
        generations[0] = oldest;
    }
}
