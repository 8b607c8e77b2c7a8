package id.bontang.pantau.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.MetricSpec;
import id.bontang.pantau.catalog.Source;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BontangModelTest {

    private static final Catalog CATALOG = CatalogProducer.builtIn();
    private static final BontangModel MODEL = new BontangModel(2016, CATALOG.zone());
    private static final long MIN = 60_000;
    private static final long HOUR = 60 * MIN;
    /** Monday 2026-11-23 00:00 WITA. */
    private static final long MONDAY = ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, CATALOG.zone()).toInstant().toEpochMilli();

    private static double value(String source, String metric, long t) {
        Source s = CATALOG.source(source).orElseThrow();
        return MODEL.values(s, t, s.cadence().toMillis()).get(metric);
    }

    @Test
    void verifiesThatTheSameSeedAndTimeGiveTheSameValues() {
        Source s = CATALOG.source("aqms-loktuan").orElseThrow();
        assertThat(MODEL.values(s, MONDAY, MIN)).isEqualTo(new BontangModel(2016, CATALOG.zone()).values(s, MONDAY, MIN));
        assertThat(MODEL.values(s, MONDAY, MIN)).isNotEqualTo(new BontangModel(7, CATALOG.zone()).values(s, MONDAY, MIN));
    }

    @Test
    void verifiesThatAWeekOfEverySourceStaysWithinTheCatalogAndCoversItsMetrics() {
        for (Source s : CATALOG.sources().values()) {
            long step = s.cadence().toMillis() * 7;
            for (long t = MONDAY; t < MONDAY + 7 * 24 * HOUR; t += step) {
                long at = t;
                Map<String, Double> v = MODEL.values(s, t, s.cadence().toMillis());
                // A LoRaWAN device's health (battery, signal, lost uplinks) is its network server's, not the sensor's
                assertThat(v.keySet()).as(s.id()).isEqualTo(s.metrics().keySet().stream()
                        .filter(m -> !id.bontang.pantau.catalog.DeviceHealth.health(m)).collect(java.util.stream.Collectors.toSet()));
                v.forEach((metric, value) -> {
                    MetricSpec spec = s.metrics().get(metric);
                    assertThat(value).as("%s %s at %s", s.id(), metric, Instant.ofEpochMilli(at))
                            .isBetween(spec.min(), spec.max());
                });
            }
        }
    }

    @Test
    void verifiesRushHoursAndQuietNights() {
        double rush = 0;
        double night = 0;
        for (int d = 0; d < 5; d++) {
            long day = MONDAY + d * 24 * HOUR;
            for (int m = 0; m < 30; m++) {
                rush += value("trf-ahmad-yani", "vehicles", day + 7 * HOUR + m * MIN);
                night += value("trf-ahmad-yani", "vehicles", day + 2 * HOUR + m * MIN);
            }
        }
        assertThat(rush).isGreaterThan(5 * night);
        assertThat(value("trf-ahmad-yani", "speed_kmh", MONDAY + 7 * HOUR + 15 * MIN))
                .isLessThan(value("trf-ahmad-yani", "speed_kmh", MONDAY + 2 * HOUR));
    }

    @Test
    void verifiesThatTheTideIsSemiDiurnalAndReachesWarningLevelsNowAndThen() {
        int highs = 0;
        double max = 0;
        int waspada = 0;
        for (long t = MONDAY; t < MONDAY + 30 * 24 * HOUR; t += 10 * MIN) {
            double level = value("tide-bontang-kuala", "level_cm", t);
            max = Math.max(max, level);
            waspada += level >= 220 ? 1 : 0;
        }
        double prev = value("tide-bontang-kuala", "level_cm", MONDAY);
        boolean rising = true;
        for (long t = MONDAY + 30 * MIN; t < MONDAY + 24 * HOUR; t += 30 * MIN) {
            double level = value("tide-bontang-kuala", "level_cm", t);
            if (rising && level < prev - 5) {
                highs++;
                rising = false;
            } else if (!rising && level > prev + 5) {
                rising = true;
            }
            prev = level;
        }
        assertThat(highs).as("high tides in a day").isBetween(1, 3);
        assertThat(max).as("spring tides reach Siaga").isGreaterThanOrEqualTo(240);
        assertThat(waspada).as("but not all the time").isLessThan(30 * 24 * 6 / 4).isPositive();
    }

    @Test
    void verifiesThatShowersLiftTheRivers() {
        long wettest = -1;
        double most = 0;
        for (long t = MONDAY; t < MONDAY + 30 * 24 * HOUR; t += 10 * MIN) {
            double rain = MODEL.rainRate(t);
            if (rain > most) {
                most = rain;
                wettest = t;
            }
        }
        assertThat(most).isGreaterThan(5);
        double before = value("awlr-sungai-km5", "level_cm", wettest - 6 * HOUR);
        double after = value("awlr-sungai-km5", "level_cm", wettest + HOUR);
        assertThat(after).isGreaterThan(before + 20);
    }

    @Test
    void verifiesIndustryAndSunInTheAir() {
        double loktuan = 0;
        double kuala = 0;
        for (long t = MONDAY; t < MONDAY + 7 * 24 * HOUR; t += 30 * MIN) {
            loktuan += value("aqms-loktuan", "pm25", t);
            kuala += value("aqms-bontang-kuala", "pm25", t);
        }
        assertThat(loktuan).isGreaterThan(kuala * 1.3);
        assertThat(value("aqms-api-api", "o3", MONDAY + 13 * HOUR)).isGreaterThan(value("aqms-api-api", "o3", MONDAY + 2 * HOUR));
    }

    @Test
    void verifiesStreetLightsBurnAtNightOnly() {
        assertThat(value("pju-panel-01", "kwh", MONDAY + 12 * HOUR)).isZero();
        assertThat(value("pju-panel-01", "kwh", MONDAY + 22 * HOUR)).isPositive();
    }

    @Test
    void verifiesThatCamerasAreMostlyOnlineWithOccasionalOutages() {
        int down = 0;
        int total = 0;
        for (int c = 1; c <= 66; c++) {
            for (long t = MONDAY; t < MONDAY + 7 * 24 * HOUR; t += 5 * MIN) {
                total++;
                down += MODEL.online(String.format("cctv-%03d", c), t) ? 0 : 1;
            }
        }
        assertThat(down).isPositive();
        assertThat((double) down / total).isLessThan(0.03);
    }
}
