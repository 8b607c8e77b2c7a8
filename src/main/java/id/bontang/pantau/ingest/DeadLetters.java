package id.bontang.pantau.ingest;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The newest rejections, bounded: a flood of bad messages costs a fixed amount of memory. */
@Singleton
public class DeadLetters {

    static final int PAYLOAD_EXCERPT = 256;

    private final int capacity;
    private final ArrayDeque<DeadLetter> newestFirst = new ArrayDeque<>();

    public DeadLetters(IngestConfig config) {
        this.capacity = config.deadLetters();
    }

    public DeadLetter add(Instant at, String transport, String topic, String source, Rejected r, byte[] payload) {
        DeadLetter d = new DeadLetter(at, transport, topic, source, r.reason().code(), r.field(), r.getMessage(),
                excerpt(payload));
        synchronized (newestFirst) {
            newestFirst.addFirst(d);
            if (newestFirst.size() > capacity) {
                newestFirst.removeLast();
            }
        }
        return d;
    }

    /** The newest first; {@code reason} null for all. */
    public List<DeadLetter> newest(int limit, String reason) {
        List<DeadLetter> out = new ArrayList<>(Math.min(limit, capacity));
        synchronized (newestFirst) {
            for (Iterator<DeadLetter> it = newestFirst.iterator(); it.hasNext() && out.size() < limit;) {
                DeadLetter d = it.next();
                if (reason == null || reason.equals(d.reason())) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    static String excerpt(byte[] payload) {
        if (payload == null) {
            return null;
        }
        // Decode only the start: a 1 MiB payload must not be copied whole into the list.
        int n = Math.min(payload.length, PAYLOAD_EXCERPT * 4);
        String s = new String(payload, 0, n, StandardCharsets.UTF_8);
        return s.length() > PAYLOAD_EXCERPT || payload.length > n
                ? s.substring(0, Math.min(s.length(), PAYLOAD_EXCERPT)) + "… (" + payload.length + " bytes)" : s;
    }
}
