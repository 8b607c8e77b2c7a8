package id.bontang.pantau.indicator;

import id.bontang.pantau.reading.Reading;
import java.util.HashMap;
import java.util.Map;

/**
 * When each device or feed last sent a reading (its event time, never later than its arrival) and the status it
 * last reported: what the alarms of silent and offline sources read. Fed by the engine with each new reading.
 */
public final class SourceActivity {

    private final Map<String, Long> newest = new HashMap<>();
    private final Map<String, long[]> status = new HashMap<>();

    synchronized void saw(Reading r, long now) {
        long at = Math.min(r.time().toEpochMilli(), now);
        newest.merge(r.source(), at, Math::max);
        if (Reading.ONLINE.equals(r.metric())) {
            long[] s = status.get(r.source());
            if (s == null || at >= s[0]) {
                status.put(r.source(), new long[] {at, (long) r.value()});
            }
        }
    }

    /** A source heard without a reading: a pull feed that answered with nothing new. */
    public synchronized void heard(String source, long at) {
        newest.merge(source, at, Math::max);
    }

    /** When each source was last heard before this start, as the database says (the warm start). */
    public synchronized void heardBefore(Map<String, Long> newestBySource) {
        newestBySource.forEach((source, at) -> newest.merge(source, at, Math::max));
    }

    /**
     * The newest reading's time in epoch milliseconds, or {@link Long#MIN_VALUE} when the source was never heard:
     * a planned source (declared in the catalog, not yet connected), which no silence alarm watches.
     */
    public synchronized long lastSeen(String source) {
        return newest.getOrDefault(source, Long.MIN_VALUE);
    }

    /** The last status the device reported: true online, false offline, null when it reported none. */
    public synchronized Boolean online(String source) {
        long[] s = status.get(source);
        return s == null ? null : s[1] == 1;
    }
}
