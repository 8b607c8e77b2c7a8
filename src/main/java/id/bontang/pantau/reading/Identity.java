package id.bontang.pantau.reading;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * 64-bit identities for the bounded memories of what was applied ({@link RecentKeys}). MurmurHash3 (128 bits,
 * the first half kept): two different keys share an identity with a chance of about n²/2⁶⁵ among n remembered.
 * Never 0, which the memories use for "absent".
 */
public final class Identity {

    private Identity() {
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
