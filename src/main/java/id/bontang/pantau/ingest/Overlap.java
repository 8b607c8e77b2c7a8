package id.bontang.pantau.ingest;

import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.RecentKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * Pairs the two copies of one MQTT message, the live subscription's and the durable one's, so that the tiles
 * count it once. Whichever copy comes first is applied; the other is recognised by the message's identity
 * (topic and bytes) and only stored, with the first copy's receive time for records without {@code ts}, so
 * that the wall and the database agree. Only the messages {@link Identity#needsPairing} names take part; everything
 * else is recognised by its identity in the engine.
 *
 * <p>Identical messages (the same bytes twice) are paired in turn: a count per identity. A live copy may wait
 * long for its durable one (the durable path waits for the database: {@code pantau.ingest.overlap-horizon}); a
 * durable copy that came first waits a minute at most, since a live copy is never further behind than that (a
 * backlog published while Pantau was down has no live copy at all, and must not crowd out the others). The
 * memories are bounded; what they forget early is counted and said once in the log.
 */
final class Overlap {

    public static final String WAITING = "pantau.ingest.overlap";
    public static final String FORGOTTEN = "pantau.ingest.overlap.forgotten";
    public static final String PAIRED = "pantau.ingest.overlap.paired";

    enum Path {
        LIVE, DURABLE
    }

    private static final long TIME_BITS = (1L << 43) - 1; // epoch milliseconds to the year 2248
    private static final int COUNT_SHIFT = 44;
    private static final java.time.Duration LIVE_LAG = java.time.Duration.ofMinutes(1);

    /** Live copies waiting for their durable one, and durable copies that came first, waiting for their live one. */
    private final RecentKeys forDurable;
    private final RecentKeys forLive;
    private final int capacity;
    private final Counter paired;
    private boolean warned;

    Overlap(IngestConfig config, MeterRegistry registry) {
        this.capacity = config.overlapCapacity();
        this.forDurable = new RecentKeys(config.overlapHorizon(), capacity);
        this.forLive = new RecentKeys(LIVE_LAG, Math.max(4, capacity / 4));
        this.paired = Counter.builder(PAIRED)
                .description("MQTT messages recognised as the second copy of one the tiles already counted").register(registry);
        Gauge.builder(WAITING, this, Overlap::size)
                .description("MQTT messages whose other copy (live or durable) has not arrived yet").register(registry);
        FunctionCounter.builder(FORGOTTEN, this, Overlap::forgotten)
                .description("MQTT messages forgotten before their other copy arrived (the memory was full)")
                .register(registry);
    }

    /**
     * One copy of a message arrives.
     *
     * @return null when it is the first (apply it), else the receive time of the first copy, which was applied
     */
    synchronized Long arrived(long identity, Path path, long receivedAt) {
        RecentKeys other = path == Path.DURABLE ? forDurable : forLive;
        long v = other.get(identity, receivedAt);
        if (v != 0) {
            if ((v >>> COUNT_SHIFT) <= 1) {
                other.remove(identity);
            } else {
                other.put(identity, v - (1L << COUNT_SHIFT), receivedAt);
            }
            paired.increment();
            return v & TIME_BITS;
        }
        RecentKeys mine = path == Path.DURABLE ? forLive : forDurable;
        long w = mine.get(identity, receivedAt);
        mine.put(identity, w == 0 ? (receivedAt & TIME_BITS) | (1L << COUNT_SHIFT) : w + (1L << COUNT_SHIFT), receivedAt);
        if (!warned && forgotten() > 0) {
            warned = true;
            Log.warnf("MQTT: %d messages wait for their other copy (pantau.ingest.overlap-capacity): the oldest are "
                    + "forgotten, and an event without id among them may count twice on the wall when its other copy "
                    + "arrives (pantau_ingest_overlap_forgotten_total)", capacity);
        }
        return null;
    }

    private synchronized int size() {
        return forDurable.size() + forLive.size();
    }

    private synchronized long forgotten() {
        return forDurable.forgotten() + forLive.forgotten();
    }
}
