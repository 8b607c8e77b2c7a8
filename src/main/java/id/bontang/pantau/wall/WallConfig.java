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

    /** A client that has not taken its updates for this long is disconnected. */
    @WithDefault("30s")
    Duration maxLag();
}
