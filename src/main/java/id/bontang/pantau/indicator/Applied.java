package id.bontang.pantau.indicator;

import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.reading.RecentKeys;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.Map;

/**
 * What the engine has applied, so that a reading that arrives twice (by both subscriptions, a device's resend,
 * a relay, the warm start) counts once. Only what a window could count twice is remembered: an event's
 * idempotency key ({@code id}), and the time of a state read by a window, as {@link Identity} says. Latest values
 * need no memory (applying one twice changes nothing), nor does an increment without id (the live and durable
 * copies of one MQTT message are paired before they get here).
 * The memory is bounded ({@link RecentKeys}); what it forgets early is counted and said once in the log.
 */
final class Applied {

    private volatile Map<Series, Long> horizons;
    private final RecentKeys keys;
    private final int capacity;
    private boolean warned;

    record Series(String source, String metric) {
    }

    /** @param horizons per series, how long some window counts its readings (0: latest values only) */
    Applied(Map<Series, Long> horizons, int capacity) {
        this.horizons = horizons;
        this.capacity = capacity;
        long longest = horizons.values().stream().mapToLong(Long::longValue).max().orElse(0);
        // At least a day and an hour, so that a "today" tile added while running finds its readings remembered.
        this.keys = new RecentKeys(Duration.ofMillis(Math.max(longest, Indicators.DAY)), capacity);
    }

    /** Whether this is the first time the reading is applied, as far as any window could tell. */
    boolean first(Reading r, long now) {
        boolean first;
        switch (Identity.repeat(r)) {
            case NEVER -> {
                return true;
            }
            case BY_ID -> first = keys.add(Identity.event(r), now); // whatever its time: a resend without ts has another one
            default -> { // BY_TIME: a state or a total
                Long horizon = horizons.get(new Series(r.source(), r.metric()));
                if (horizon == null || horizon == 0 || r.time().toEpochMilli() < now - horizon) {
                    return true; // no window counts it: applying it again changes nothing
                }
                // Remembered by time too, so that the warm start, which knows no ids for states, recognises it.
                first = keys.add(Identity.state(r), now);
                if (r.event() != null) {
                    first &= keys.add(Identity.event(r), now);
                }
            }
        }
        if (!warned && keys.forgotten() > 0) {
            warned = true;
            Log.warnf("Tiles: the memory of applied readings is full (%d keys, pantau.tiles.memory-capacity): it now "
                    + "forgets early, and a reading repeated after that may count twice on the wall. Forgotten keys are "
                    + "counted in pantau_tiles_memory_forgotten_total; raise the capacity (about 25 bytes a key).", capacity);
        }
        return first;
    }

    /** The series a new catalog's tiles count (what is remembered already stays). */
    void horizons(Map<Series, Long> next) {
        horizons = next;
    }

    int size() {
        return keys.size();
    }

    long forgotten() {
        return keys.forgotten();
    }
}
