package id.bontang.pantau.indicator;

import java.util.Arrays;

/**
 * The event times already applied for one series, oldest first, forgetting those older than the horizon
 * its windows need. Readings mostly arrive in time order, so an add is usually an append; a late one
 * costs a binary search and a shift. Eight bytes per remembered reading.
 */
final class SeenTimes {

    private long[] times = new long[16];
    private int head;
    private int size;

    /** @return false when {@code t} was already added (a duplicate) */
    boolean add(long t, long cutoff) {
        while (size > 0 && times[head] < cutoff) {
            head++;
            size--;
        }
        if (size == 0 || t > times[head + size - 1]) {
            ensureRoom();
            times[head + size++] = t;
            return true;
        }
        int i = Arrays.binarySearch(times, head, head + size, t);
        if (i >= 0) {
            return false;
        }
        ensureRoom();
        int at = -i - 1;
        System.arraycopy(times, at, times, at + 1, head + size - at);
        times[at] = t;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private void ensureRoom() {
        if (head + size < times.length) {
            return;
        }
        if (head > times.length / 2) {
            System.arraycopy(times, head, times, 0, size);
        } else {
            times = Arrays.copyOf(times, times.length * 2);
            System.arraycopy(times, head, times, 0, size);
        }
        head = 0;
    }
}
