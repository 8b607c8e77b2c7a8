package id.bontang.pantau.indicator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The engine's meters (docs/metrics.md). Registered into the application's registry and left there: a registry lives
 * as long as its application.
 */
final class EngineMeters {

    final Counter duplicates;
    final Counter failures;
    final Counter updates;

    EngineMeters(MeterRegistry registry, IndicatorEngine engine) {
        this.duplicates = Counter.builder(IndicatorEngine.DUPLICATES)
                .description("Readings dropped because they were already applied").register(registry);
        this.failures = Counter.builder(IndicatorEngine.FAILURES).description("Indicator evaluations or updates that failed")
                .register(registry);
        this.updates = Counter.builder(IndicatorEngine.TILE_UPDATES).description("Tile changes pushed to the wall")
                .register(registry);
        Gauge.builder(IndicatorEngine.MEMORY, engine, IndicatorEngine::memorySize)
                .description("Applied readings remembered to recognise a repeat (at most pantau.tiles.memory-capacity)")
                .register(registry);
        FunctionCounter.builder(IndicatorEngine.MEMORY_FORGOTTEN, engine, IndicatorEngine::forgotten)
                .description("Applied readings forgotten before their windows ended because the memory was full")
                .register(registry);
    }
}
