package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.LiveCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.support.Configs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static id.bontang.pantau.indicator.Engines.none;

/**
 * When the engine pushes: a change soon after it happens (not at the next tick), and under a steady stream of
 * changes no two deltas closer than the gap, so that every wall can take them as they are. The engine runs on its
 * own clock here, as in the server.
 */
class FlushTimingTest {

    private static final Catalog CATALOG = CatalogProducer.builtIn();
    private final List<Long> pushedAt = new CopyOnWriteArrayList<>();
    private IndicatorEngine engine;
    private final TileThread thread = new TileThread();

    /** A started engine whose tick never comes during a test: whatever it pushes, a change made it push. */
    private void start(String flushInterval, String minFlushGap) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        engine = new IndicatorEngine(LiveCatalog.of(CATALOG), Configs.of(EngineConfig.class, Map.of(
                "pantau.tiles.flush-interval", flushInterval, "pantau.tiles.min-flush-gap", minFlushGap,
                "pantau.tiles.tick-interval", "1h")), registry, none(CATALOG), null, thread);
        engine.start();
        engine.listen(tiles -> {
            if (tiles.stream().anyMatch(t -> t.id().equals("rsud.queue"))) {
                pushedAt.add(System.nanoTime());
            }
        });
        pushedAt.clear(); // a listener first hears the tiles as they stand: not a push
    }

    @AfterEach
    void stop() {
        thread.stop();
    }

    private void queue(double waiting) {
        engine.apply(List.of(new Reading("rsud-queue", "waiting", Instant.now(), waiting, "x")));
    }

    @Test
    void verifiesThatAChangeIsPushedWithinMillisecondsNotAtTheNextTick() {
        start("2ms", "15ms");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int before = pushedAt.size();
            long t0 = System.nanoTime();
            queue(40 + i);
            await("the change pushed").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1))
                    .until(() -> pushedAt.size() > before);
            delays.add(TimeUnit.NANOSECONDS.toMillis(pushedAt.get(before) - t0));
        }
        // 2 ms after the change, or the rest of the 15 ms gap after the previous push; never the 1 h tick.
        assertThat(delays).as("ms from a change to its push").allSatisfy(d -> assertThat(d).isLessThan(250));
        assertThat(delays.stream().sorted().toList().get(delays.size() / 2)).as("the median").isLessThan(50);
    }

    @Test
    void verifiesThatUnderASteadyStreamOfChangesTwoPushesAreAtLeastTheGapApart() {
        start("2ms", "100ms");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (int i = 0; System.nanoTime() < end; i++) {
            queue(i % 500);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // a reading about every millisecond
        }
        await("the last change pushed").atMost(Duration.ofSeconds(2)).until(() -> pushedAt.size() >= 2
                && System.nanoTime() - pushedAt.get(pushedAt.size() - 1) > TimeUnit.MILLISECONDS.toNanos(300));
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < pushedAt.size(); i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(pushedAt.get(i) - pushedAt.get(i - 1)));
        }
        // Some 1,000 changes in a second: about ten deltas, each a gap after the previous one, not one per change.
        assertThat(pushedAt).as("deltas in a second of changes").hasSizeBetween(5, 12);
        assertThat(gaps).as("ms between two deltas").allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(95));
    }
}
