package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.LiveCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.Levels;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.support.Configs;
import id.bontang.pantau.wall.Tile;
import id.bontang.pantau.wall.TileHub;
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

/** The engine's side of reading identity: events count per record or per id, states per time; thresholds as measured. */
class ReadingIdentityTest {

    /** 2026-11-22 14:00:00 WITA. */
    static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    static final Catalog CATALOG = CatalogProducer.builtIn();

    private SimpleMeterRegistry registry;
    private TileHub hub;
    private IndicatorEngine engine;
    private final TileThread thread = new TileThread();

    @BeforeEach
    void setUp() {
        engine(Map.of());
    }

    private void engine(Map<String, String> config) {
        registry = new SimpleMeterRegistry();
        hub = new TileHub(new ObjectMapper(), IndicatorEngineTest.wallConfig(), registry, LiveCatalog.of(CATALOG));
        engine = new IndicatorEngine(LiveCatalog.of(CATALOG), Configs.of(EngineConfig.class, config), registry,
                none(CATALOG), null, thread);
        engine.listen(hub);
        engine.flush(NOW.toEpochMilli(), true);
    }

    private void apply(Reading... readings) {
        engine.apply(List.of(readings), NOW.toEpochMilli());
        engine.flush(NOW.toEpochMilli(), false);
    }

    private static Reading call(Instant time, String id) {
        return new Reading("call112", "calls", time, 1, "count", true, id, false);
    }

    private Tile tile(String id) {
        return hub.tiles().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void verifiesThatIncrementsWithoutIdAtTheSameMillisecondAreSeparateEvents() {
        Instant t = NOW.minusSeconds(5);
        apply(call(t, null), call(t, null), call(t, null));
        assertThat(tile("call112.today").value()).isEqualTo(3L);
    }

    @Test
    void verifiesThatTheSameIdIsOneEventWhateverItsTime() {
        apply(call(NOW.minusSeconds(30), "call-1"), call(NOW.minusSeconds(20), "call-1"), call(NOW.minusSeconds(20), "call-2"));
        List<Reading> again = engine.applyNew(List.of(call(NOW.minusSeconds(1), "call-1"), call(NOW.minusSeconds(1), "call-3")),
                NOW.toEpochMilli());
        engine.flush(NOW.toEpochMilli(), false);
        assertThat(tile("call112.today").value()).isEqualTo(3L);
        assertThat(again).extracting(Reading::event).containsExactly("call-3");
        assertThat(registry.get(IndicatorEngine.DUPLICATES).counter().count()).isEqualTo(2);
    }

    @Test
    void verifiesThatAStateRepeatedAtTheSameTimeCountsOnceInAWindow() {
        Reading a = new Reading("trf-ahmad-yani", "speed_kmh", NOW.minusSeconds(60), 30, "km/h");
        Reading b = new Reading("trf-ahmad-yani", "speed_kmh", NOW.minusSeconds(120), 10, "km/h");
        apply(a, b, a, a);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> extras = (Map<String, Map<String, Object>>) tile("traffic.trf-ahmad-yani").details()
                .get("extras");
        assertThat(extras.get("meanSpeed").get("value")).as("(30 + 10) / 2, not (30·3 + 10) / 4").isEqualTo(20L);
    }

    @Test
    void verifiesThatATotalIsOnePerTimeAndWithAnIdOnePerIdToo() {
        Instant t = NOW.minusSeconds(600);
        Reading rain = new Reading("wx-bontang", "rain_mm", t, 4, "mm", false, "wx-0950", false);
        apply(rain);
        apply(new Reading("wx-bontang", "rain_mm", t, 4, "mm")); // the warm start knows no id for a total
        apply(rain.withTime(NOW.minusSeconds(5))); // resent without ts: another receive time, the same id
        assertThat(tile("rain.city").value()).isEqualTo(4.0);
        apply(new Reading("wx-bontang", "rain_mm", NOW.minusSeconds(300), 2, "mm"));
        assertThat(tile("rain.city").value()).as("another interval").isEqualTo(6.0);
    }

    @Test
    void verifiesThatEveryGaugeReadsItsMeasuredLevelAroundEachThreshold() {
        String[] names = {"Normal", "Waspada", "Siaga", "Awas"};
        long[] t = {0};
        for (Source gauge : CATALOG.sources().values()) {
            Levels levels = gauge.levels();
            if (levels == null) {
                continue;
            }
            double[] thresholds = {levels.waspada(), levels.siaga(), levels.awas()};
            for (int k = 0; k < 3; k++) {
                double at = thresholds[k];
                for (double cm : new double[] {at - 0.5, at - 0.1, at - 0.04, at - 0.0004, at, at + 0.04, at + 0.5}) {
                    int expected = cm >= at ? k + 1 : k;
                    apply(new Reading(gauge.id(), "level_cm", NOW.plusMillis(++t[0]), cm, "cm"));
                    Tile tile = tile("flood." + gauge.id());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> level = (Map<String, Object>) tile.details().get("level");
                    assertThat(level.get("id")).as("%s at %s cm", gauge.id(), cm).isEqualTo(names[expected]);
                    double shown = tile.value().doubleValue();
                    assertThat(shown >= at).as("%s at %s cm is shown as %s, on the same side of %s", gauge.id(), cm, shown, at)
                            .isEqualTo(cm >= at);
                    assertThat(Math.abs(shown - cm)).as("and close to what was measured").isLessThan(0.5001);
                }
            }
        }
        apply(new Reading("tide-loktuan", "level_cm", NOW.plusMillis(++t[0]), 239.9, "cm"));
        assertThat(tile("flood.tide-loktuan").value()).isEqualTo(239.9);
        apply(new Reading("tide-loktuan", "level_cm", NOW.plusMillis(++t[0]), 231.4, "cm"));
        assertThat(tile("flood.tide-loktuan").value()).as("far from a threshold, the catalog's decimals").isEqualTo(231L);
    }

    @Test
    void verifiesThatAValueTileIsJudgedOnItsMeasuredValue() {
        // rsud.queue: warning at 80, critical at 150 patients, shown without decimals.
        apply(new Reading("rsud-queue", "waiting", NOW.minusSeconds(3), 149.6, "patients"));
        assertThat(tile("rsud.queue").status()).isEqualTo("warning");
        assertThat(tile("rsud.queue").value()).isEqualTo(149.6);
        apply(new Reading("rsud-queue", "waiting", NOW.minusSeconds(2), 150, "patients"));
        assertThat(tile("rsud.queue").status()).isEqualTo("critical");
        assertThat(tile("rsud.queue").value()).isEqualTo(150L);
    }

    @Test
    void verifiesThatAFailingIndicatorShowsUnknownWithAReasonAndTheOthersGoOn() {
        // A value the validator would refuse reaches the engine (a fault elsewhere): rsud.queue cannot format it.
        apply(new Reading("rsud-queue", "waiting", NOW.minusSeconds(3), Double.NaN, "patients"),
                new Reading("lapor", "open", NOW.minusSeconds(3), 161, "count"));
        Tile broken = tile("rsud.queue");
        assertThat(broken.status()).isEqualTo("unknown");
        assertThat(broken.value()).isNull();
        assertThat((String) broken.details().get("reason")).startsWith("evaluation failed");
        assertThat(tile("lapor.open").value()).isEqualTo(161L);
        assertThat(registry.get(IndicatorEngine.FAILURES).counter().count()).isEqualTo(1);
        apply(new Reading("lapor", "open", NOW.minusSeconds(2), 162, "count"));
        assertThat(tile("lapor.open").value()).as("still updating").isEqualTo(162L);
        apply(new Reading("rsud-queue", "waiting", NOW.minusSeconds(1), 42, "patients"));
        assertThat(tile("rsud.queue").value()).as("and the tile recovers with a good value").isEqualTo(42L);
        assertThat(tile("rsud.queue").status()).isEqualTo("normal");
    }

    @Test
    void verifiesThatTheMemoryOfAppliedReadingsIsBoundedByConfigurationAndCountsWhatItForgets() {
        engine(Map.of("pantau.tiles.memory-capacity", "1000"));
        List<Reading> flood = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            flood.add(new Reading("aqms-guntung", "pm25", NOW.minusMillis(i + 1), 20, "ug/m3"));
        }
        engine.apply(flood, NOW.toEpochMilli());
        assertThat(registry.get(IndicatorEngine.MEMORY).gauge().value()).isLessThanOrEqualTo(1000);
        assertThat(registry.get(IndicatorEngine.MEMORY_FORGOTTEN).functionCounter().count()).isGreaterThan(98_000);
    }

    @Test
    void verifiesThatTheEngineTellsTheHubWhenItLastEvaluated() {
        long later = NOW.plus(Duration.ofSeconds(7)).toEpochMilli();
        engine.flush(later, true);
        assertThat(hub.evaluatedAt()).isEqualTo(later);
    }
}
