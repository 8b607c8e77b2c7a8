package id.bontang.pantau.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogLoader;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.store.StoredReadings;
import id.bontang.pantau.support.Configs;
import id.bontang.pantau.store.StoreConfig;
import id.bontang.pantau.wall.Tile;
import id.bontang.pantau.wall.TileHub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A catalog change while readings flow: unchanged tiles keep their state, a changed tile is rebuilt from the database
 * and counts each reading once whichever way it comes (the database, live after the change, or late by the durable
 * path), a new tile appears and a removed one leaves the wall.
 */
class LiveTilesTest {

    private static final String TEXT = text();
    private final Instant now = Instant.now();
    private final CountDownLatch liveAfterTheChange = new CountDownLatch(1);
    private List<Reading> inTheDatabase = List.of();
    private Catalog before;
    private LiveCatalog live;
    private IndicatorEngine engine;
    private TileHub hub;

    private static String text() {
        try (InputStream in = LiveTilesTest.class.getResourceAsStream("/catalog/bontang.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Catalog catalog(String text) {
        return CatalogLoader.load("classpath:catalog/bontang.yaml", text);
    }

    @BeforeEach
    void setUp() {
        before = catalog(TEXT);
        live = LiveCatalog.of(before);
        // A store that is configured (so the new tiles' past is read) but never started: the readings come from here.
        Store store = new Store(Optional.of(new org.postgresql.ds.PGSimpleDataSource()), Configs.of(StoreConfig.class), live);
        StoredReadings database = new StoredReadings(store, live) {
            @Override
            public void recentOf(Collection<Reading.Key> series, Instant since, Collection<Reading.Key> latest,
                    Consumer<Reading> into) {
                try {
                    assertThat(liveAfterTheChange.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                inTheDatabase.forEach(into);
            }

            @Override
            public Map<String, Long> lastHeard(Collection<Reading.Key> series) {
                return Map.of();
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        hub = new TileHub(new ObjectMapper(), IndicatorEngineTest.wallConfig(), registry, live);
        engine = new IndicatorEngine(live, IndicatorEngineTest.engineConfig(), registry, store, database, new TileThread());
        engine.listen(hub);
    }

    private Reading r(String source, String metric, int secondsAgo, double value) {
        return new Reading(source, metric, now.minusSeconds(secondsAgo), value, "x");
    }

    private void apply(Reading... readings) {
        engine.apply(List.of(readings), now.toEpochMilli());
        engine.flush(now.toEpochMilli(), false);
    }

    private Tile tile(String id) {
        return hub.tiles().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    private Reading call(int secondsAgo, double calls) { // an increment without id: nothing recognises a repeat of it
        return new Reading("call112", "calls", now.minusSeconds(secondsAgo), calls, "count", true, null, false);
    }

    /**
     * A new tile reading the same increments as a kept one: its past from the database counts in it alone (the kept
     * "today" sum is not counted again), and an increment it counted live and also finds stored counts once.
     */
    @Test
    void verifiesThatANewTileOverIncrementsCountsEachOnceAndTheKeptOneIsNotCountedAgain() {
        Reading first = call(300, 3);
        Reading second = call(200, 2);
        Reading sameTimeOther = call(200, 7); // another call at the same second: another event
        Reading afterTheChange = call(100, 4);
        apply(first, second, sameTimeOther);
        assertThat(tile("call112.today").value()).isEqualTo(12L);
        Catalog after = catalog(TEXT.replace("  - id: call112.today\n", """
                  - id: call112.hour
                    sources: {ids: [call112]}
                    metric: calls
                    window: 1h
                    aggregate: sum
                    unit: calls
                    decimals: 0
                    dimension: governance
                    title: {id: Panggilan 112 sejam, en: 112 calls last hour}
                  - id: call112.today
                """));
        inTheDatabase = List.of(first, second, sameTimeOther, afterTheChange);
        engine.rebuild(before, after, now.toEpochMilli());
        apply(afterTheChange);
        liveAfterTheChange.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            engine.flush(now.toEpochMilli(), false);
            return Long.valueOf(16L).equals(tile("call112.hour").value());
        });
        assertThat(tile("call112.today").value()).as("kept, and not counted again from the database").isEqualTo(16L);
    }

    @Test
    void verifiesThatAChangeKeepsUnchangedTilesAndRebuildsAChangedOneCountingEachReadingOnce() {
        Reading old1 = r("trf-ahmad-yani", "vehicles", 300, 10);
        Reading old2 = r("trf-ahmad-yani", "vehicles", 200, 20);
        Reading beforeButLate = r("trf-ahmad-yani", "vehicles", 150, 40); // live before the change, stored after the read
        Reading afterTheChange = r("trf-ahmad-yani", "vehicles", 100, 100);
        Reading storedNotYetLive = r("trf-ahmad-yani", "vehicles", 50, 1000);
        apply(old1, old2, beforeButLate, r("trf-mt-haryono", "vehicles", 100, 7), r("call112", "calls", 60, 3));
        assertThat(tile("traffic.trf-ahmad-yani").value()).isEqualTo(70L);

        Catalog after = catalog(TEXT.replace("name: Jl. Ahmad Yani}", "name: Jl. Ahmad Yani Baru}").replace(
                "  - {id: trf-bhayangkara, kind: trf, area: belimbing, name: Jl. Bhayangkara}\n",
                "  - {id: trf-uji, kind: trf, area: belimbing, name: Jl. Uji}\n"));
        inTheDatabase = List.of(old1, old2, afterTheChange, storedNotYetLive);
        engine.rebuild(before, after, now.toEpochMilli());

        assertThat(tile("traffic.trf-uji")).as("a new device's tile").isNotNull();
        assertThat(tile("traffic.trf-bhayangkara")).as("a removed device's tile leaves the wall").isNull();
        assertThat(tile("traffic.trf-mt-haryono").value()).as("an unchanged tile keeps its state").isEqualTo(7L);
        assertThat(tile("call112.today").value()).as("a today sum is not reset by an unrelated change").isEqualTo(3L);
        assertThat(tile("traffic.trf-ahmad-yani").title().id()).contains("Ahmad Yani Baru");

        apply(afterTheChange);
        liveAfterTheChange.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            engine.flush(now.toEpochMilli(), false);
            return Long.valueOf(1130L).equals(tile("traffic.trf-ahmad-yani").value());
        });
        apply(storedNotYetLive, afterTheChange, old1); // the durable path's copies: counted already
        assertThat(tile("traffic.trf-ahmad-yani").value()).isEqualTo(1130L);
        apply(beforeButLate); // by the durable path, after the database was read: the rebuilt tile had not counted it
        assertThat(tile("traffic.trf-ahmad-yani").value()).isEqualTo(1170L);
        apply(beforeButLate);
        assertThat(tile("traffic.trf-ahmad-yani").value()).as("and only once").isEqualTo(1170L);
        assertThat(tile("traffic.trf-mt-haryono").value()).isEqualTo(7L);
    }
}
