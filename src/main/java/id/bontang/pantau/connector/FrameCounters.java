package id.bontang.pantau.connector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last frame counter of each LoRaWAN device, for the uplinks lost between two: one memory per path, since each
 * path (live, durable, the webhook) sees every uplink once and must reckon the same gaps. Forgets the least recently
 * heard devices past its bound. After a start the first uplink of a device tells no gap.
 */
final class FrameCounters {

    /** A jump this large is a counter reset (a rejoin), not uplinks lost. */
    private static final long RESET = 16_384;

    private final Map<String, Long> last;

    FrameCounters(int bound) {
        this.last = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > bound;
            }
        };
    }

    /** Uplinks lost just before this one, or -1 when it cannot tell (first heard, a repeat, a reset). */
    synchronized long lost(String device, long fcnt) {
        Long before = last.get(device);
        if (before != null && fcnt <= before && before - fcnt < RESET) {
            return -1; // a repeat, or one arriving late: the gap was counted when the newer came
        }
        last.put(device, fcnt);
        return before == null || fcnt - before > RESET ? -1 : fcnt - before - 1;
    }
}
