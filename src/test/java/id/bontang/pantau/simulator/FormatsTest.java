package id.bontang.pantau.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.connector.ConnectorActivity;
import id.bontang.pantau.connector.Translations;
import id.bontang.pantau.ingest.Sample;
import id.bontang.pantau.ingest.Translation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import id.bontang.pantau.ingest.Validator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies that what the simulator publishes in a connector's shape is read back by that connector as it was meant. */
class FormatsTest {

    private static final Catalog CATALOG = CatalogProducer.builtIn();
    private static final LiveCatalog LIVE = LiveCatalog.of(CATALOG);
    private static final Translations CONNECTORS = new Translations(LIVE, new ConnectorActivity(new SimpleMeterRegistry(), LIVE), null);
    private static final BontangModel MODEL = new BontangModel(2016, CATALOG.zone());

    /** What the connector reads of a message, validated into the catalog's units. */
    private static Map<String, Double> read(Formats.Message m, String source) throws Exception {
        Instant now = Instant.now();
        Translation.Translated t = CONNECTORS.translate(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8), now,
                Translation.Path.LIVE);
        assertThat(t.refused()).as(m.topic()).isEmpty();
        Validator validator = new Validator(Duration.ofMinutes(5), Duration.ofDays(90));
        Map<String, Double> values = new java.util.HashMap<>();
        for (Sample s : t.samples().get(source)) {
            values.put(s.metric(), validator.reading(CATALOG.source(source).orElseThrow(), s, now).value());
        }
        return values;
    }

    @Test
    void verifiesThatTheLorawanGaugesUplinksAndStatusReadBack() throws Exception {
        Source gauge = CATALOG.source("awlr-telihan").orElseThrow();
        long interval = gauge.cadence().toMillis();
        long t = Instant.now().minusSeconds(86_400).toEpochMilli() / (interval * 30) * (interval * 30); // a status slot
        Formats.Message m = Formats.render(CATALOG, gauge, MODEL.values(gauge, t, interval), t, interval, false);
        while (m.topic() == null) { // that uplink was lost in the air (one in 40): the next status slot
            t += interval * 30;
            m = Formats.render(CATALOG, gauge, MODEL.values(gauge, t, interval), t, interval, false);
        }
        Map<String, Double> values = MODEL.values(gauge, t, interval);
        assertThat(m.topic()).isEqualTo("application/bontang-sim/device/70b3d57ed0051a01/event/up");
        assertThat(read(m, "awlr-telihan").get("level_cm")).isCloseTo(values.get("level_cm"), org.assertj.core.data.Offset.offset(0.01));
        assertThat(m.then().topic()).endsWith("/event/status");
        assertThat(read(m.then(), "awlr-telihan")).containsOnlyKeys("battery");
    }

    @Test
    void verifiesThatTheVendorsWeatherStationReadsBack() throws Exception {
        Source wx = CATALOG.source("wx-bontang").orElseThrow();
        long t = Instant.now().minusSeconds(3600).toEpochMilli() / 60_000 * 60_000;
        Map<String, Double> values = MODEL.values(wx, t, wx.cadence().toMillis());
        Formats.Message m = Formats.render(CATALOG, wx, values, t, wx.cadence().toMillis(), false);
        assertThat(m.topic()).isEqualTo("vendor/weatherlink/WL-6C2F/current");
        Map<String, Double> back = read(m, "wx-bontang");
        values.forEach((metric, v) -> assertThat(back.get(metric)).as(metric).isCloseTo(v, org.assertj.core.data.Offset.offset(0.01)));
        assertThat(Formats.render(CATALOG, CATALOG.source("gempa").orElseThrow(), Map.of("magnitude", 4.0), t, 60_000, false))
                .as("a pull feed's source is served, not published").isNull();
    }
}
