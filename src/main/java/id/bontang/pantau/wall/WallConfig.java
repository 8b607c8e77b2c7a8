package id.bontang.pantau.wall;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The wall's WebSocket limits. */
@ConfigMapping(prefix = "pantau.wall")
public interface WallConfig {

    /** How many past deltas are kept for clients that reconnect with {@code ?since=}. */
    @WithDefault("2000")
    int history();

    /** Bytes a socket may have unsent before its updates are coalesced instead of queued. */
    @WithDefault("262144")
    int writeQueueBytes();

    /**
     * The kernel send buffer of each HTTP socket. Small enough that a slow wall is noticed within a
     * second or two of falling behind; large enough for {@code /api/v1/series} answers on a LAN.
     */
    @WithDefault("131072")
    int socketSendBufferBytes();

    /** A client that has not taken its updates for this long is disconnected. */
    @WithDefault("30s")
    Duration maxLag();

    /**
     * At most this many deltas a second to one client; faster changes are coalesced (newest state of a tile wins).
     * Above the engine's own rate (one per {@code pantau.tiles.min-flush-gap}), so that a wall that keeps up gets
     * every delta as the hub encoded it.
     */
    @WithDefault("80")
    int maxDeltasPerSecond();

    /**
     * How often each client gets a WebSocket ping and a {@code heartbeat} message. A client that answers no
     * ping for three intervals is closed; a browser that hears nothing for three intervals reconnects.
     */
    @WithDefault("5s")
    Duration heartbeat();

    /** A wall page that sent no report (of what it rendered) for this long is {@code frozen}. */
    @WithDefault("10s")
    Duration frozenAfter();

    /** A wall page that renders a message later than this after receiving it, or is this far behind, is {@code lagging}. */
    @WithDefault("3s")
    Duration laggingAfter();

    /** How many hours of each tile's values {@code GET /api/v1/tiles/history} keeps (one point a minute). */
    @WithDefault("6")
    int sparklineHours();
}
