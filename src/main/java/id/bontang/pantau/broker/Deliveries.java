package id.bontang.pantau.broker;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The last messages one durable session took, by MQTT packet id. After a reconnection the broker delivers again,
 * with the same packet id and the DUP flag, what it had handed out and not seen acknowledged: our acknowledgement
 * was lost with the connection, or withheld because it belonged to the old one. Such a redelivery of a message
 * this session already stores is acknowledged once that is committed, and neither stored nor counted again. A
 * packet id comes back without DUP only once the broker had our acknowledgement, so the old entry is replaced.
 * Bounded: the broker has at most {@code max_inflight_messages} unacknowledged (2000 in mosquitto.conf).
 */
final class Deliveries {

    private record Taken(long identity, CompletableFuture<Void> committed) {
    }

    private final int capacity;
    private final Map<Integer, Taken> byPacket = new HashMap<>();
    private final ArrayDeque<Integer> order = new ArrayDeque<>();

    Deliveries(int capacity) {
        this.capacity = capacity;
    }

    /** The commit of the same message taken before under this packet id, or null when this one is new. */
    synchronized CompletableFuture<Void> same(int packetId, long identity) {
        Taken t = byPacket.get(packetId);
        // One that was nacked is handled anew: it was never stored.
        return t != null && t.identity == identity && !t.committed.isCompletedExceptionally() ? t.committed : null;
    }

    /** A message taken under {@code packetId}, committed when {@code committed} completes. */
    synchronized void taken(int packetId, long identity, CompletableFuture<?> committed) {
        // A small future of its own: the batch's readings are not kept alive by this memory.
        if (byPacket.put(packetId, new Taken(identity, committed.thenRun(() -> { }))) == null) {
            order.addLast(packetId);
        }
        while (order.size() > capacity) {
            byPacket.remove(order.removeFirst());
        }
    }
}
