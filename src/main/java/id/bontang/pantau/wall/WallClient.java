package id.bontang.pantau.wall;

import io.quarkus.logging.Log;
import io.vertx.core.http.ServerWebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connected wall. While its socket keeps up, it gets the shared encoded deltas as they are. When it
 * falls behind (its write queue is full), further changes are coalesced by tile (the newest state of a
 * tile replaces an unsent older one) and sent as one delta once the socket drains; a client that stays
 * behind longer than the allowed lag is disconnected. Memory per client is bounded by the number of tiles.
 */
public final class WallClient {

    private final ServerWebSocket ws;
    private final TileHub hub;
    private final long maxLagMillis;
    private final Map<String, Tile> pending = new LinkedHashMap<>();
    private long pendingSeq;
    private long behindSince = -1;

    WallClient(ServerWebSocket ws, TileHub hub, WallConfig config) {
        this.ws = ws;
        this.hub = hub;
        this.maxLagMillis = config.maxLag().toMillis();
        ws.setWriteQueueMaxSize(config.writeQueueBytes());
    }

    /** Called under the hub's lock. */
    void send(long seq, String text, List<Tile> tiles) {
        if (behindSince < 0 && !ws.writeQueueFull()) {
            write(text);
            return;
        }
        tiles.forEach(t -> pending.put(t.id(), t));
        pendingSeq = seq;
        long now = System.currentTimeMillis();
        if (behindSince < 0) {
            behindSince = now;
            ws.drainHandler(v -> drain());
        } else if (now - behindSince > maxLagMillis) {
            Log.infof("Wall client %s is %d ms behind; disconnecting it", ws.remoteAddress(), now - behindSince);
            hub.disconnect(this);
            ws.close((short) 1008, "too slow");
        }
    }

    private void drain() {
        synchronized (hub) {
            if (pending.isEmpty()) {
                behindSince = -1;
                return;
            }
            String text = hub.encode(new WallMessage("delta", pendingSeq, List.copyOf(pending.values())));
            pending.clear();
            behindSince = -1;
            write(text);
        }
    }

    void write(String text) {
        if (!ws.isClosed()) {
            ws.writeTextMessage(text);
        }
    }
}
