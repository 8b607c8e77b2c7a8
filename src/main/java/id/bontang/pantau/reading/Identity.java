package id.bontang.pantau.reading;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Reading identity: when two records are one event (docs/architecture.md). Every rule is stated here, and the
 * tiles ({@code indicator/Applied}), the pairing of MQTT copies ({@code ingest/Overlap}), the database
 * ({@code store/}) and the HTTP intake apply it:
 * <ul>
 * <li>a record with an {@code id} is one event per source and id, whatever its time or path;</li>
 * <li>a state or a total is one value per source, metric and time;</li>
 * <li>an increment without {@code id} is one event per record: nothing recognises a repeat of it.</li>
 * </ul>
 * The memories hold 64-bit identities ({@link RecentKeys}): MurmurHash3 (128 bits, the first half kept), so two
 * different keys share one with a chance of about n²/2⁶⁵ among n remembered. Never 0, which they use for "absent".
 */
public final class Identity {

    /** How a repeat of a reading is recognised. */
    public enum Repeat {
        /** An increment with an {@code id}: by source, id and metric, whatever its time. */
        BY_ID,
        /** A state or a total: by source, metric and time (and by its {@code id} too, when it has one). */
        BY_TIME,
        /** An increment without {@code id}: every record is one event. */
        NEVER
    }

    /**
     * The prefix of the stored {@code event_id} of an increment without {@code id}: random, so never a conflict.
     * Pantau's own, refused in a client's {@code id}.
     */
    public static final String GENERATED_AT_STORE = "~";
    /**
     * The prefix of the ids Pantau gives records of increments posted over HTTP without one, so that the copy
     * relayed to the other instances is one event for all of them. A client's id may not be told from one of
     * these by its shape: they are public like any other.
     */
    public static final String GENERATED_FOR_HTTP = "pantau-";

    private Identity() {
    }

    public static Repeat repeat(Reading r) {
        return !r.increment() ? Repeat.BY_TIME : r.event() != null ? Repeat.BY_ID : Repeat.NEVER;
    }

    /**
     * Whether the live and durable copies of an MQTT message must be paired by the message's identity (topic and
     * bytes): it holds a reading whose second copy nothing else recognises, an increment without {@code id} or a
     * record without {@code ts} (its time is the receive time, different on each path). Not a status: only its
     * live copy goes to the tiles, whichever comes first.
     */
    public static boolean needsPairing(List<Reading> readings) {
        for (Reading r : readings) {
            if (!Reading.ONLINE.equals(r.metric()) && (r.stamped() || repeat(r) == Repeat.NEVER)) {
                return true;
            }
        }
        return false;
    }

    /** The id of an HTTP record of increments without one. */
    public static String generatedForHttp() {
        return GENERATED_FOR_HTTP + UUID.randomUUID();
    }

    /** Whether a client's {@code id} would pass for one Pantau stores for a record without. */
    public static boolean reserved(String id) {
        return id.startsWith(GENERATED_AT_STORE);
    }

    /** Whether the reading's record carries its client's own {@code id}: a repeat of it is answered as one. */
    public static boolean hasClientId(Reading r) {
        return r.event() != null && !r.event().startsWith(GENERATED_FOR_HTTP);
    }

    /** The reading's {@code event_id} column: empty for a state or a total, the id of an event, else a random one. */
    public static String storedEventId(Reading r) {
        return switch (repeat(r)) {
            case BY_TIME -> "";
            case BY_ID -> r.event();
            case NEVER -> GENERATED_AT_STORE + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        };
    }

    /** The {@code id} a stored {@code event_id} stands for, or null (a state, or an event stored without one). */
    public static String publicId(String eventId) {
        return eventId == null || eventId.isEmpty() || eventId.startsWith(GENERATED_AT_STORE) ? null : eventId;
    }

    /** One MQTT message as both subscriptions see it: its topic and its bytes. */
    public static long message(String topic, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(t.length + 1 + payload.length).put(t).put((byte) 0).put(payload);
        return nonZero(MurmurHash3.hash128x64(b.array())[0]);
    }

    /** A state: one value per source, metric and time. */
    public static long state(Reading r) {
        return of("s", r.source(), r.metric(), Long.toString(r.time().toEpochMilli()));
    }

    /** An event with an idempotency key: one per source, key and metric, whatever its time. */
    public static long event(Reading r) {
        return of("e", r.source(), r.event(), r.metric());
    }

    private static long of(String... parts) {
        byte[] bytes = String.join("\0", parts).getBytes(StandardCharsets.UTF_8);
        return nonZero(MurmurHash3.hash128x64(bytes)[0]);
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }
}
