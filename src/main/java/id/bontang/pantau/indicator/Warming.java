package id.bontang.pantau.indicator;

import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a tile built by a catalog change has counted while its past is read from the database, so that a reading counts
 * once in it whether it comes from the database, live after the change, or late by the durable path. A state, a total
 * or an event with an id is one key ({@link Identity}); an increment without id has no key that its stored copy shares,
 * so live ones are counted by source, metric and time, and a stored one with the same three is taken for one of them.
 * Bounded: past {@link #MAX} keys it stops remembering (a repeat may then count twice in this tile; said once in the log).
 */
final class Warming {

    static final int MAX = 200_000;

    private final Set<Long> counted = new HashSet<>();
    private final Map<Long, Integer> liveIncrements = new HashMap<>();
    /** Until its past has been read: the alarms do not judge it meanwhile. */
    boolean reading = true;
    private boolean full;

    boolean full() {
        return full;
    }

    /** A reading arriving live (or late by the durable path): whether the tile has not counted it. */
    boolean live(Reading r) {
        if (Identity.repeat(r) == Identity.Repeat.NEVER) {
            if (room()) {
                liveIncrements.merge(Identity.state(r), 1, Integer::sum);
            }
            return true;
        }
        return add(r);
    }

    /** A reading read from the database: whether the tile has not counted it live already. */
    boolean stored(Reading r) {
        if (r.increment() && r.event() == null) {
            long k = Identity.state(r);
            Integer n = liveIncrements.get(k);
            if (n != null) {
                if (n == 1) {
                    liveIncrements.remove(k);
                } else {
                    liveIncrements.put(k, n - 1);
                }
                return false;
            }
            return true;
        }
        return add(r);
    }

    private boolean add(Reading r) {
        long k = Identity.repeat(r) == Identity.Repeat.BY_ID ? Identity.event(r) : Identity.state(r);
        if (counted.contains(k)) {
            return false;
        }
        if (room()) {
            counted.add(k);
        }
        return true;
    }

    private boolean room() {
        if (counted.size() + liveIncrements.size() < MAX) {
            return true;
        }
        full = true;
        return false;
    }
}
