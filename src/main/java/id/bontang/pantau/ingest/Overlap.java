package id.bontang.pantau.ingest;

import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.reading.RecentKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import java.util.List;

/**
 * Pairs the two copies of one MQTT message, the live subscription's and the durable one's, so that the tiles
 * count it once. Whichever copy comes first is applied; the other is recognised by the message's identity
 * (topic and bytes) and only stored, with the first copy's receive time for records without {@code ts}, so
 * that the wall and the database agree. Only messages whose repeat nothing else would recognise take part:
 * those with an increment without {@code id}, or a record without {@code ts} (its time is the receive time,
 * different on each path). Everything else is recognised by its identity in the engine.
 *
 * <p>Identical messages (the same bytes twice) are paired in turn: a count per identity. The memory is bounded;
 * what it forgets early is counted and said once in the log.
 */
final class Overlap {

    public static final String WAITING = "pantau.ingest.overlap";
    public static final String FORGOTTEN = "pantau.ingest.overlap.forgotten";
    public static final String PAIRED = "pantau.ingest.overlap.paired";

    enum Path {
        LIVE, DURABLE
    }

    private static final long TIME_BITS = (1L << 43) - 1; // epoch milliseconds to the year 2248
    private static final long DURABLE_BIT = 1L << 43;
    private static final int COUNT_SHIFT = 44;

    private final RecentKeys waiting;
    private final int capacity;
    private final List<Meter> meters;
    private final Counter paired;
    private boolean warned;

    Overlap(IngestConfig config, MeterRegistry registry) {
        this.capacity = config.overlapCapacity();
        this.waiting = new RecentKeys(config.overlapHorizon(), capacity);
        this.paired = Counter.builder(PAIRED)
                .description("MQTT messages recognised as the second copy of one the tiles already counted").register(registry);
        this.meters = List.of(paired,
                Gauge.builder(WAITING, this, Overlap::size)
                        .description("MQTT messages whose other copy (live or durable) has not arrived yet").register(registry),
                FunctionCounter.builder(FORGOTTEN, this, Overlap::forgotten)
                        .description("MQTT messages forgotten before their other copy arrived (the memory was full)")
                        .register(registry));
    }

    void unregister(MeterRegistry registry) {
        meters.forEach(registry::remove);
    }

    /**
     * Whether nothing but this pairing would recognise the message's second copy. Not for statuses: only the
     * live copy of a status goes to the tiles, whichever comes first.
     */
    static boolean needed(List<Reading> readings) {
        for (Reading r : readings) {
            if (!Reading.ONLINE.equals(r.metric()) && (r.stamped() || (r.increment() && r.event() == null))) {
                return true;
            }
        }
        return false;
    }

    static long identity(String topic, byte[] payload) {
        return Identity.message(topic, payload);
    }

    /**
     * One copy of a message arrives.
     *
     * @return null when it is the first (apply it), else the receive time of the first copy, which was applied
     */
    synchronized Long arrived(long identity, Path path, long receivedAt) {
        long v = waiting.get(identity, receivedAt);
        boolean durable = path == Path.DURABLE;
        if (v != 0 && ((v & DURABLE_BIT) != 0) != durable) {
            long count = v >>> COUNT_SHIFT;
            if (count <= 1) {
                waiting.remove(identity);
            } else {
                waiting.put(identity, v - (1L << COUNT_SHIFT), receivedAt);
            }
            paired.increment();
            return v & TIME_BITS;
        }
        long first = v == 0 ? (receivedAt & TIME_BITS) | (durable ? DURABLE_BIT : 0) : v & ~(-1L << COUNT_SHIFT);
        long count = v == 0 ? 1 : (v >>> COUNT_SHIFT) + 1;
        waiting.put(identity, first | (count << COUNT_SHIFT), receivedAt);
        if (!warned && waiting.forgotten() > 0) {
            warned = true;
            Log.warnf("MQTT: %d messages wait for their other copy (pantau.ingest.overlap-capacity): the oldest are "
                    + "forgotten, and an event without id among them may count twice on the wall when its durable copy "
                    + "arrives (pantau_ingest_overlap_forgotten_total)", capacity);
        }
        return null;
    }

    private synchronized int size() {
        return waiting.size();
    }

    private synchronized long forgotten() {
        return waiting.forgotten();
    }
}
