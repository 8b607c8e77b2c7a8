package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.LiveCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.support.Configs;
import id.bontang.pantau.wall.Tile;
import id.bontang.pantau.wall.TileHub;
import id.bontang.pantau.wall.WallConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static id.bontang.pantau.indicator.Engines.none;

/** The engine without any I/O: readings with chosen times in, tiles out. */
class IndicatorEngineTest {

    /** 2026-11-22 14:00:00 WITA. */
    static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    static final long MIN = 60_000;

    private TileHub hub;
    private IndicatorEngine engine;
    private final TileThread thread = new TileThread();

    @BeforeEach
    void setUp() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // The engine's output as the walls get it: the assertions read the wire format.
        hub = new TileHub(new ObjectMapper(), wallConfig(), registry, LiveCatalog.of(CatalogProducer.builtIn()));
        engine = new IndicatorEngine(LiveCatalog.of(CatalogProducer.builtIn()), engineConfig(), registry,
                none(CatalogProducer.builtIn()), null, thread);
        engine.listen(hub);
        engine.flush(NOW.toEpochMilli(), true);
    }

    private void apply(long now, Reading... readings) {
        engine.apply(List.of(readings), now);
        engine.flush(now, false);
    }

    private static Reading r(String source, String metric, Instant time, double value) {
        return new Reading(source, metric, time, value, "x");
    }

    private Tile tile(String id) {
        return hub.tiles().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void verifiesThatEveryTileExistsFromTheStartWithoutData() {
        List<Tile> tiles = hub.tiles();
        assertThat(tiles).hasSize(28);
        assertThat(tiles).allSatisfy(t -> {
            assertThat(t.freshness()).isEqualTo("no-data");
            assertThat(t.status()).isEqualTo("unknown");
            assertThat(t.value()).isNull();
            assertThat(t.updatedAt()).isNull();
        });
    }

    @Test
    void verifiesThatTheLatestValueWinsByEventTimeNotByArrival() {
        long now = NOW.toEpochMilli();
        apply(now, r("rsud-queue", "waiting", NOW.minusSeconds(10), 42));
        apply(now, r("rsud-queue", "waiting", NOW.minusSeconds(50), 99)); // late, older
        Tile t = tile("rsud.queue");
        assertThat(t.value()).isEqualTo(42L);
        assertThat(t.freshness()).isEqualTo("fresh");
        assertThat(t.updatedAt()).isEqualTo("2026-11-22T13:59:50+08:00");
        apply(now, r("rsud-queue", "waiting", NOW.minusSeconds(5), 160));
        assertThat(tile("rsud.queue").value()).isEqualTo(160L);
        assertThat(tile("rsud.queue").status()).isEqualTo("critical");
    }

    @Test
    void verifiesATodaySumAcrossTheWitaMidnight() {
        Instant midnight = Instant.parse("2026-11-22T16:00:00Z"); // 23 Nov 00:00 WITA
        long now = midnight.plusSeconds(30).toEpochMilli();
        apply(now, r("call112", "calls", midnight.minusSeconds(1), 7), r("call112", "calls", midnight, 3),
                r("call112", "calls", midnight.plusSeconds(20), 2), r("call112", "prank_calls", midnight.plusSeconds(20), 1));
        Tile t = tile("call112.today");
        assertThat(t.value()).isEqualTo(5L);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> extras = (Map<String, Map<String, Object>>) t.details().get("extras");
        assertThat(extras.get("prankShare").get("value")).isEqualTo(20.0);
    }

    @Test
    void verifiesASlidingWindowSumAndAverage() {
        long now = NOW.toEpochMilli();
        apply(now, r("trf-ahmad-yani", "vehicles", NOW.minusSeconds(16 * 60), 1000),
                r("trf-ahmad-yani", "vehicles", NOW.minusSeconds(14 * 60), 40),
                r("trf-ahmad-yani", "vehicles", NOW.minusSeconds(60), 60),
                r("trf-ahmad-yani", "speed_kmh", NOW.minusSeconds(60), 30),
                r("trf-ahmad-yani", "speed_kmh", NOW.minusSeconds(120), 14));
        Tile t = tile("traffic.trf-ahmad-yani");
        assertThat(t.value()).isEqualTo(100L);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> extras = (Map<String, Map<String, Object>>) t.details().get("extras");
        assertThat(extras.get("meanSpeed").get("value")).isEqualTo(22L);
        assertThat(extras.get("meanSpeed").get("status")).isEqualTo("normal");
        // Two minutes on, the reading of 14 minutes ago has slid out, without any new input.
        engine.flush(now + 2 * MIN, true);
        assertThat(tile("traffic.trf-ahmad-yani").value()).isEqualTo(60L);
    }

    @Test
    void verifiesThatATileTurnsStaleAfterThreeCadencesAndThatItIsPushed() {
        long now = NOW.toEpochMilli();
        apply(now, r("tide-loktuan", "level_cm", NOW, 180));
        long seq = hub.seq();
        engine.flush(now + 3 * MIN, true);
        assertThat(tile("flood.tide-loktuan").freshness()).isEqualTo("fresh");
        engine.flush(now + 3 * MIN + 1000, true);
        assertThat(tile("flood.tide-loktuan").freshness()).isEqualTo("stale");
        assertThat(tile("flood.tide-loktuan").value()).as("the last value stays visible, marked stale").isEqualTo(180L);
        assertThat(hub.seq()).isGreaterThan(seq);
    }

    @Test
    void verifiesFloodLevelsAtTheThresholds() {
        long now = NOW.toEpochMilli();
        Object[][] cases = {{219, "Normal", 0, "normal"}, {220, "Waspada", 1, "warning"}, {239, "Waspada", 1, "warning"},
                {240, "Siaga", 2, "critical"}, {260, "Awas", 3, "critical"}};
        int i = 0;
        for (Object[] c : cases) {
            apply(now, r("tide-loktuan", "level_cm", NOW.plusMillis(i++), ((Integer) c[0]).doubleValue()));
            Tile t = tile("flood.tide-loktuan");
            @SuppressWarnings("unchecked")
            Map<String, Object> level = (Map<String, Object>) t.details().get("level");
            assertThat(level.get("id")).as("%s cm", c[0]).isEqualTo(c[1]);
            assertThat(level.get("severity")).isEqualTo(c[2]);
            assertThat(t.status()).isEqualTo(c[3]);
        }
    }

    @Test
    void verifiesEveryGaugeAtAndJustBelowEachOfItsThresholds() {
        // domain/bontang.md: Waspada / Siaga / Awas per gauge
        Map<String, int[]> gauges = Map.of("awlr-sungai-km5", new int[] {150, 200, 300}, "awlr-api-api", new int[] {100, 150, 200},
                "awlr-telihan", new int[] {120, 170, 220}, "tide-bontang-kuala", new int[] {220, 240, 260},
                "tide-loktuan", new int[] {220, 240, 260}, "tide-tanjung-laut-indah", new int[] {220, 240, 260});
        String[] names = {"Normal", "Waspada", "Siaga", "Awas"};
        String[] status = {"normal", "warning", "critical", "critical"};
        long now = NOW.toEpochMilli();
        long[] t = {0};
        gauges.forEach((gauge, levels) -> {
            for (int k = 0; k < 3; k++) {
                for (int cm : new int[] {levels[k] - 1, levels[k]}) {
                    int expected = cm == levels[k] ? k + 1 : k;
                    apply(now, r(gauge, "level_cm", NOW.plusMillis(++t[0]), cm));
                    Tile tile = tile("flood." + gauge);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> level = (Map<String, Object>) tile.details().get("level");
                    assertThat(level.get("id")).as("%s at %d cm", gauge, cm).isEqualTo(names[expected]);
                    assertThat(level.get("severity")).isEqualTo(expected);
                    assertThat(tile.status()).isEqualTo(status[expected]);
                }
            }
        });
    }

    @Test
    void verifiesTheShareOfCamerasOnlineCountsOnlyFreshOnlineStatuses() {
        long now = NOW.toEpochMilli();
        List<Reading> statuses = new ArrayList<>();
        for (int i = 1; i <= 66; i++) {
            statuses.add(r(String.format("cctv-%03d", i), Reading.ONLINE, NOW, i <= 33 ? 1 : 0));
        }
        apply(now, statuses.toArray(Reading[]::new));
        assertThat(tile("cctv.online").value()).isEqualTo(50.0);
        assertThat(tile("cctv.online").status()).isEqualTo("critical");
        assertThat(tile("cctv.online").details()).containsEntry("online", 33L).containsEntry("total", 66);
        // The 33 online cameras then fall silent: once their last word is older than 3 cadences, they are not online.
        engine.flush(now + 4 * MIN, true);
        assertThat(tile("cctv.online").value()).isEqualTo(0.0);
    }

    @Test
    void verifiesThatIspuUsesTheMeanOfTheLast24HoursAndTheCityShowsTheWorstStation() {
        long now = NOW.toEpochMilli();
        apply(now, r("aqms-loktuan", "pm25", NOW.minus(Duration.ofHours(25)), 400), // outside the window
                r("aqms-loktuan", "pm25", NOW.minus(Duration.ofHours(2)), 30),
                r("aqms-loktuan", "pm25", NOW.minus(Duration.ofHours(1)), 48),
                r("aqms-loktuan", "pm10", NOW.minus(Duration.ofHours(1)), 60),
                r("aqms-guntung", "pm25", NOW.minus(Duration.ofHours(1)), 10));
        Tile loktuan = tile("ispu.aqms-loktuan");
        assertThat(loktuan.value()).isEqualTo(79L); // PM2.5 mean 39.0 -> 79.45 -> 79
        assertThat(loktuan.status()).isEqualTo("normal");
        assertThat(loktuan.details()).containsEntry("criticalParameter", "pm25").containsEntry("partial", true)
                .containsEntry("beyondScale", false)
                .containsEntry("category", Map.of("id", "Sedang", "en", "Moderate", "colour", "blue"));
        assertThat(tile("ispu.aqms-guntung").value()).isEqualTo(32L);
        assertThat(tile("ispu.aqms-bontang-kuala").freshness()).isEqualTo("no-data");
        Tile city = tile("ispu.city");
        assertThat(city.value()).isEqualTo(79L);
        assertThat(city.details()).containsEntry("worstOf", "ispu.aqms-loktuan").containsEntry("criticalParameter", "pm25");
    }

    @Test
    void verifiesThatAReplayInReverseTimeOrderIsAppliedWholeAndOnce() {
        long now = NOW.toEpochMilli();
        List<Reading> replay = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            replay.add(r("aqms-guntung", "pm25", NOW.minusMillis(250L * i + 1), i % 2 == 0 ? 1 : 3));
        }
        engine.apply(replay, now);
        engine.apply(replay.subList(0, 1000), now); // and a part of it again
        engine.flush(now, false);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> pollutants = (Map<String, Map<String, Object>>) tile("ispu.aqms-guntung").details()
                .get("pollutants");
        assertThat(pollutants.get("pm25").get("mean")).isEqualTo(2.0);
        assertThat(pollutants.get("pm25").get("hours")).isEqualTo(21);
    }

    @Test
    void verifiesThatFaultyLampsAddUpEachPanelsLatestCount() {
        long now = NOW.toEpochMilli();
        apply(now, r("pju-panel-01", "lamps_faulty", NOW.minusSeconds(600), 9),
                r("pju-panel-01", "lamps_faulty", NOW.minusSeconds(300), 2),
                r("pju-panel-02", "lamps_faulty", NOW.minusSeconds(300), 5),
                r("pju-panel-02", "kwh", NOW.minusSeconds(300), 1.25));
        Tile t = tile("pju.energy-today");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> extras = (Map<String, Map<String, Object>>) t.details().get("extras");
        assertThat(extras.get("faultyLamps").get("value")).isEqualTo(7L);
        assertThat(t.value()).isEqualTo(1.3);
    }

    static WallConfig wallConfig() {
        return Configs.of(WallConfig.class, Map.of("pantau.wall.history", "100"));
    }

    static EngineConfig engineConfig() {
        return Configs.of(EngineConfig.class);
    }
}
