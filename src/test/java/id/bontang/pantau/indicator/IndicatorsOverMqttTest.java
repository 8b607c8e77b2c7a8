package id.bontang.pantau.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.broker.Broker;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Publisher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readings with chosen timestamps go through a real Mosquitto; the tiles are compared with values
 * computed here, independently, from the regulation's table and the rules of docs/ispu.md.
 */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
class IndicatorsOverMqttTest {

    @Inject
    Broker broker;

    /** PM2.5 and NO2 rows of the ISPU table. */
    private static final double[] ISPU = {0, 50, 100, 200, 300, 500};
    private static final double[] PM25 = {0, 15.5, 55.4, 150.4, 250.4, 500};
    private static final double[] NO2 = {0, 80, 200, 1130, 2260, 3000};

    private static double subIndex(double[] x, double c) {
        for (int k = 1; k < x.length; k++) {
            if (c <= x[k]) {
                return (ISPU[k] - ISPU[k - 1]) / (x[k] - x[k - 1]) * (c - x[k - 1]) + ISPU[k - 1];
            }
        }
        return 500;
    }

    private static Map<String, Object> tile(String id) {
        return given().get("/api/v1/tiles").jsonPath().getMap("find { it.id == '" + id + "' }");
    }

    @Test
    void verifiesAStationsIspuFromAFull24HourSeriesAgainstTheRegulation() {
        Instant now = Instant.now();
        double sum = 0;
        try (Publisher station = new Publisher(broker.url())) {
            station.telemetry("aqms-guntung", "{\"ts\": " + now.minus(Duration.ofHours(26)).toEpochMilli()
                    + ", \"values\": {\"pm25\": 480}}"); // older than the 24-hour window: must not count
            for (int h = 0; h < 24; h++) {
                double pm25 = 20 + 2.5 * h;
                sum += pm25;
                String ts = OffsetDateTime.ofInstant(now.minus(Duration.ofMinutes(60L * h + 10)), ZoneOffset.ofHours(8)).toString();
                station.telemetry("aqms-guntung", "{\"ts\": \"" + ts + "\", \"values\": {\"pm25\": " + pm25 + ", \"no2\": 90}}");
            }
        }
        double mean = sum / 24; // 48.75
        long expected = Math.round(Math.max(subIndex(PM25, mean), subIndex(NO2, 90))); // half-up for positives
        await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) tile("ispu.aqms-guntung").get("value")).longValue() == expected);
        Map<String, Object> t = tile("ispu.aqms-guntung");
        assertThat(expected).isEqualTo(92);
        assertThat(t.get("criticalParameter")).isEqualTo("pm25");
        assertThat(t.get("partial")).isEqualTo(false);
        assertThat(t.get("status")).isEqualTo("normal");
        assertThat(t.get("category")).isEqualTo(Map.of("id", "Sedang", "en", "Moderate", "colour", "blue"));
    }

    @Test
    void verifiesThatPpbInSenmlIsConvertedBeforeTheIndex() {
        Instant t = Instant.now().minusSeconds(30);
        try (Publisher station = new Publisher(broker.url())) {
            station.publish("pantau/v1/devices/aqms-bontang-lestari/telemetry", "[{\"bn\": \"aqms-bontang-lestari/\", \"bt\": "
                    + t.getEpochSecond() + ", \"n\": \"no2\", \"u\": \"ppb\", \"v\": 200}]");
        }
        long expected = Math.round(subIndex(NO2, 200 * 1.88)); // 376 ug/m3 -> 118.9 -> 119
        await().atMost(Duration.ofSeconds(5)).until(() -> tile("ispu.aqms-bontang-lestari").get("value") != null);
        Map<String, Object> tile = tile("ispu.aqms-bontang-lestari");
        assertThat(((Number) tile.get("value")).longValue()).isEqualTo(expected).isEqualTo(119);
        assertThat(tile.get("status")).isEqualTo("warning");
        assertThat(tile.get("partial")).isEqualTo(true);
        assertThat(tile.get("criticalParameter")).isEqualTo("no2");
    }

    @Test
    void verifiesThatABeyondScaleConcentrationIs500AndHazardous() {
        try (Publisher station = new Publisher(broker.url())) {
            station.telemetry("aqms-tanjung-laut", "{\"values\": {\"pm10\": 650}}");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> tile("ispu.aqms-tanjung-laut").get("value") != null);
        Map<String, Object> t = tile("ispu.aqms-tanjung-laut");
        assertThat(((Number) t.get("value")).intValue()).isEqualTo(500);
        assertThat(t.get("beyondScale")).isEqualTo(true);
        assertThat(t.get("status")).isEqualTo("critical");
        assertThat(((Map<?, ?>) t.get("category")).get("id")).isEqualTo("Berbahaya");
        assertThat(tile("ispu.city").get("worstOf")).isEqualTo("ispu.aqms-tanjung-laut");
    }
}
