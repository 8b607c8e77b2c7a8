package id.bontang.pantau.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static final Catalog CATALOG = CatalogProducer.builtIn();
    private static final org.assertj.core.data.Offset<Double> EPS = org.assertj.core.data.Offset.offset(1e-9);
    private static final Instant NOW = Instant.parse("2026-11-22T00:15:00Z");
    private final Validator validator = new Validator(Duration.ofMinutes(5), Duration.ofDays(90));
    private final Source loktuan = CATALOG.source("aqms-loktuan").orElseThrow();

    private Reason reason(Source s, Sample sample) {
        try {
            validator.reading(s, sample, NOW);
        } catch (Rejected r) {
            return r.reason();
        }
        throw new AssertionError("accepted " + sample);
    }

    @Test
    void verifiesThatAValidSampleBecomesAReadingInTheCatalogUnit() throws Rejected {
        Reading r = validator.reading(loktuan, new Sample("pm25", 38.2, null, NOW.minusSeconds(60), null), NOW);
        assertThat(r).isEqualTo(new Reading("aqms-loktuan", "pm25", NOW.minusSeconds(60), 38.2, "ug/m3"));
        assertThat(validator.reading(loktuan, new Sample("pm25", 1, null, null, null), NOW).time()).isEqualTo(NOW);
    }

    @Test
    void verifiesThatEachProblemOfAValueHasItsReason() {
        assertThat(reason(loktuan, new Sample("pm2_5", 1, null, null, null))).isEqualTo(Reason.UNKNOWN_METRIC);
        assertThat(reason(loktuan, new Sample("pm25", Double.NaN, "a string \"x\"", null, null))).isEqualTo(Reason.NOT_A_NUMBER);
        assertThat(reason(loktuan, new Sample("pm25", Double.NaN, null, null, null))).isEqualTo(Reason.NON_FINITE);
        assertThat(reason(loktuan, new Sample("pm25", Double.POSITIVE_INFINITY, null, null, null))).isEqualTo(Reason.NON_FINITE);
        assertThat(reason(loktuan, new Sample("pm25", -0.5, null, null, null))).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(reason(loktuan, new Sample("humidity", 140, null, null, null))).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(reason(loktuan, new Sample("pm25", 1, null, null, "ppm"))).isEqualTo(Reason.WRONG_UNIT);
        assertThat(reason(loktuan, new Sample("pm25", 1, null, NOW.plus(Duration.ofDays(1)), null)))
                .isEqualTo(Reason.FUTURE_TIMESTAMP);
        assertThat(reason(loktuan, new Sample("pm25", 1, null, NOW.minus(Duration.ofDays(91)), null)))
                .isEqualTo(Reason.EXPIRED_TIMESTAMP);
    }

    @Test
    void verifiesTheTimestampLimitsAtTheirEdges() throws Rejected {
        assertThat(validator.time(NOW.plus(Duration.ofMinutes(5)), NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> validator.time(NOW.plus(Duration.ofMinutes(5)).plusMillis(1), NOW))
                .hasMessageContaining("ahead of the server's clock");
        assertThatThrownBy(() -> validator.time(Instant.ofEpochMilli(1763770500L), NOW))
                .hasMessageContaining("epoch seconds?");
    }

    @Test
    void verifiesThatConvertibleUnitsAreConverted() throws Rejected {
        assertThat(validator.reading(loktuan, new Sample("no2", 20, null, null, "ppb"), NOW).value()).isCloseTo(37.6, EPS);
        assertThat(validator.reading(loktuan, new Sample("co", 2, null, null, "mg/m3"), NOW).value()).isEqualTo(2000);
        assertThat(validator.reading(loktuan, new Sample("temperature", 300.15, null, null, "K"), NOW).value())
                .isCloseTo(27.0, EPS);
        Source tide = CATALOG.source("tide-loktuan").orElseThrow();
        assertThat(validator.reading(tide, new Sample("level_cm", 2.4, null, null, "m"), NOW).value()).isEqualTo(240);
    }

    @Test
    void verifiesThatADeviceDeclaredInPpbIsConvertedWithoutAUnitInThePayload() throws Rejected {
        Source ppb = new Source("aqms-x", Source.Type.DEVICE, "aqms", "loktuan", "x", Duration.ofMinutes(1),
                loktuan.metrics(), Map.of("so2", "ppb"), null);
        assertThat(validator.reading(ppb, new Sample("so2", 10, null, null, null), NOW).value()).isCloseTo(26.2, EPS);
    }

    @Test
    void verifiesThatOnlyCatalogSourcesOfTheRightTypeAreFound() throws Rejected {
        assertThat(Validator.source(CATALOG, "aqms-loktuan", false).id()).isEqualTo("aqms-loktuan");
        assertThat(Validator.source(CATALOG, "call112", true).id()).isEqualTo("call112");
        assertThatThrownBy(() -> Validator.source(CATALOG, "aqms-mars", false)).isInstanceOf(Rejected.class)
                .extracting(e -> ((Rejected) e).reason()).isEqualTo(Reason.UNKNOWN_DEVICE);
        assertThatThrownBy(() -> Validator.source(CATALOG, "aqms-loktuan", true))
                .extracting(e -> ((Rejected) e).reason()).isEqualTo(Reason.UNKNOWN_FEED);
        assertThatThrownBy(() -> Validator.source(CATALOG, "call112", false))
                .extracting(e -> ((Rejected) e).reason()).isEqualTo(Reason.UNKNOWN_DEVICE);
    }
}
