package id.bontang.pantau.indicator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often tiles are pushed, and how much the engine may remember. */
@ConfigMapping(prefix = "pantau.tiles")
public interface EngineConfig {

    /**
     * Changed tiles are gathered for this long after a change and pushed as one delta: a reading reaches the wall
     * within this time, and a burst of readings costs one delta instead of thousands. Nothing runs while nothing
     * changes.
     */
    @WithDefault("2ms")
    Duration flushInterval();

    /**
     * At least this long between two deltas: under a steady stream of readings, the walls get at most one delta per
     * gap (66 a second), within their own {@code pantau.wall.max-deltas-per-second}, so nothing waits per client.
     */
    @WithDefault("15ms")
    Duration minFlushGap();

    /** Every tile is re-evaluated this often even without input: windows slide, days roll over, tiles go stale. */
    @WithDefault("1s")
    Duration tickInterval();

    /**
     * At most this many applied readings are remembered to recognise a repeat (event ids, and times of states
     * read by a window, for as long as a window counts them; about 25 bytes each). Past it the oldest are
     * forgotten early, counted in {@code pantau_tiles_memory_forgotten_total}.
     */
    @WithDefault("500000")
    int memoryCapacity();
}
