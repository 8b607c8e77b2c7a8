package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.LiveCatalog;
import static id.bontang.pantau.indicator.Engines.none;
import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.StoredReadings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Verifies that the warm start tells the engine when each source was last heard, however long ago. */
class WarmStartTest {

    @Test
    void verifiesThatASourceHeardBeforeTheStartIsNotPlanned() {
        Catalog catalog = CatalogProducer.builtIn();
        long twoDaysAgo = System.currentTimeMillis() - 2 * 86_400_000L;
        List<Collection<Reading.Key>> asked = new java.util.ArrayList<>();
        StoredReadings database = new StoredReadings(null, LiveCatalog.of(catalog)) {
            @Override
            public void recent(Instant since, Collection<Reading.Key> latest, Consumer<Reading> into) {
            }

            @Override
            public Map<String, Long> lastHeard(Collection<Reading.Key> series) {
                asked.add(series);
                return Map.of("awlr-sungai-km5", twoDaysAgo);
            }
        };
        IndicatorEngine engine = new IndicatorEngine(LiveCatalog.of(catalog), IndicatorEngineTest.engineConfig(), new SimpleMeterRegistry(),
                none(catalog), database, new TileThread());
        WarmStart.run(database, catalog, new Indicators(catalog), engine);

        assertThat(engine.activity().lastSeen("awlr-sungai-km5")).isEqualTo(twoDaysAgo);
        assertThat(engine.activity().lastSeen("tide-loktuan")).as("never heard: planned").isEqualTo(Long.MIN_VALUE);
        assertThat(asked.get(0)).as("every series of every source, and each device's status")
                .contains(new Reading.Key("awlr-sungai-km5", "level_cm"), new Reading.Key("awlr-sungai-km5", Reading.ONLINE),
                        new Reading.Key("call112", "calls"));
    }
}
