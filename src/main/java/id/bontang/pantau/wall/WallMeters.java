package id.bontang.pantau.wall;

import id.bontang.pantau.indicator.TileState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The hub's meters (docs/metrics.md): clients, tiles by freshness, the delay to the walls, coalesced updates and the
 * clients the server closed. Registered into the application's registry and left there: a registry lives as long as
 * its application.
 */
final class WallMeters {

    private final Timer delay;
    private final Counter coalesced;
    private final Map<String, Counter> disconnected = new LinkedHashMap<>();

    WallMeters(MeterRegistry registry, TileHub hub, ToDoubleFunction<String> tilesByFreshness) {
        Gauge.builder(TileHub.CLIENTS, hub, TileHub::clientCount).description("Connected wall clients").register(registry);
        for (TileState.Freshness f : TileState.Freshness.values()) {
            String freshness = f.code();
            Gauge.builder(TileHub.TILES, hub, h -> tilesByFreshness.applyAsDouble(freshness)).tag("freshness", freshness)
                    .description("Tiles by freshness").register(registry);
        }
        this.delay = Timer.builder(TileHub.DELAY)
                .description("From a reading's own time to the delta that carries it leaving for the walls")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
        this.coalesced = Counter.builder(TileHub.COALESCED)
                .description("Tile updates merged into a later one for a client that was behind or over its rate")
                .register(registry);
        for (String reason : new String[] {"slow", "unresponsive", "signed-out"}) {
            disconnected.put(reason, Counter.builder(TileHub.DISCONNECTED).tag("reason", reason)
                    .description("Wall clients the server closed: too far behind, answering no pings, or their sign-in ended")
                    .register(registry));
        }
    }

    void delay(long millis) {
        delay.record(millis, TimeUnit.MILLISECONDS);
    }

    void coalesced() {
        coalesced.increment();
    }

    void closed(String reason) {
        disconnected.get(reason).increment();
    }
}
