package id.bontang.pantau.indicator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often tiles are pushed. */
@ConfigMapping(prefix = "pantau.tiles")
public interface EngineConfig {

    /**
     * Changed tiles are gathered for this long and pushed as one delta: a reading reaches the wall within
     * this time, and a burst of readings costs one delta instead of thousands.
     */
    @WithDefault("50ms")
    Duration flushInterval();

    /** Every tile is re-evaluated this often even without input: windows slide, days roll over, tiles go stale. */
    @WithDefault("1s")
    Duration tickInterval();
}
