package id.bontang.pantau.connector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The frame counters of LoRaWAN devices, for the uplinks lost between two. One memory per instance, whichever path an
 * uplink comes by (live, durable, webhook, another instance's relay): the first to see an uplink reckons its gap and
 * the others are given the same, so that the live tile and the stored row agree, and a path that sees only a share of
 * the uplinks (shared subscriptions, a webhook behind a load balancer) is not misled by the ones it missed. Forgets the
 * least recently heard devices past its bound. After a start the first uplink of a device tells no gap.
 */
final class FrameCounters {

    /** A counter this far below the last one is a reset (the device joined again), not an uplink arriving late. */
    private static final long LATE = 16;
    /** A jump this large is a counter reset too, not uplinks lost. */
    private static final long JUMP = 16_384;

    private final Map<String, Long> last;
    private final Map<String, Long> gaps;

    FrameCounters(int bound) {
        this.last = lru(bound);
        this.gaps = lru(bound);
    }

    private static <V> Map<String, V> lru(int bound) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > bound;
            }
        };
    }

    /** Uplinks lost just before this one, or -1 when it cannot tell (first heard, late, after a reset). */
    synchronized long lost(String device, long fcnt) {
        String key = device + "/" + fcnt;
        Long known = gaps.get(key);
        if (known != null) {
            return known; // this uplink again, by another path: the same answer
        }
        Long before = last.get(device);
        long gap;
        if (before != null && fcnt <= before && before - fcnt <= LATE) {
            gap = -1; // late, or a repeat: the gap was counted when the newer one came
        } else {
            last.put(device, fcnt);
            gap = before == null || fcnt < before || fcnt - before > JUMP ? -1 : fcnt - before - 1;
        }
        gaps.put(key, gap);
        return gap;
    }
}
