package id.bontang.pantau.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.support.Metrics;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import id.bontang.pantau.broker.Broker;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Through a real Mosquitto: a sensor publishes, a wall client sees the tile change. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
class LivePathTest {

    @TestHTTPResource("/ws/wall")
    URI wall;

    @Inject
    Broker broker;

    @Test
    void verifiesThatAReadingPublishedToMosquittoReachesTheWallAsADeltaAndTheTilesEndpoint() throws Exception {
        Ready.await();
        try (WallClient client = new WallClient(Wall.socket(wall, null)); Publisher sensor = new Publisher(broker.url())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.messages().isEmpty());
            JsonNode snapshot = client.messages().get(0);
            assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
            assertThat(snapshot.get("tiles")).hasSize(28);

            double delays = Metrics.value("pantau_wall_delay_seconds_count");
            double delaySum = Metrics.value("pantau_wall_delay_seconds_sum");
            String ts = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString();
            sensor.telemetry("aqms-loktuan", "{\"ts\":\"" + ts + "\",\"values\":{\"pm25\":39.0,\"pm10\":20}}");

            await().atMost(Duration.ofSeconds(3)).until(() -> {
                JsonNode t = client.tile("ispu.aqms-loktuan");
                return t != null && t.get("value").asLong() == 79;
            });
            JsonNode tile = client.tile("ispu.aqms-loktuan");
            assertThat(tile.get("freshness").asText()).isEqualTo("fresh");
            assertThat(tile.get("category").get("id").asText()).isEqualTo("Sedang");
            assertThat(OffsetDateTime.parse(tile.get("updatedAt").asText())).isEqualTo(OffsetDateTime.parse(ts));
            assertThat(client.messages().stream().skip(1)).allMatch(m -> m.get("type").asText().equals("delta"));
            long previous = Long.MIN_VALUE;
            for (JsonNode m : client.messages()) {
                assertThat(m.get("seq").asLong()).isGreaterThan(previous);
                previous = m.get("seq").asLong();
            }
            given().get("/api/v1/tiles").then().statusCode(200)
                    .body("find { it.id == 'ispu.aqms-loktuan' }.value", equalTo(79))
                    .body("find { it.id == 'ispu.aqms-loktuan' }.criticalParameter", equalTo("pm25"));

            // The reading was a minute old: so is its delay to the wall, once for each tile it changed.
            double samples = Metrics.value("pantau_wall_delay_seconds_count") - delays;
            assertThat(samples).isPositive();
            assertThat((Metrics.value("pantau_wall_delay_seconds_sum") - delaySum) / samples).isBetween(59.0, 70.0);
            assertThat(Metrics.value("pantau_tiles{freshness=\"fresh\"}")).isPositive();
            // The sparkline holds the value at the reading's own minute.
            long minute = OffsetDateTime.parse(ts).toInstant().truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
            JsonNode history = new ObjectMapper().readTree(given().get("/api/v1/tiles/history?hours=1").then().statusCode(200)
                    .extract().asString());
            assertThat(history.get("ispu.aqms-loktuan")).anySatisfy(p -> {
                assertThat(p.get(0).asLong()).isEqualTo(minute);
                assertThat(p.get(1).asDouble()).isEqualTo(79.0);
            });
        }
    }

    @Test
    void verifiesThatReadinessReportsTheBrokerConnection() {
        Ready.await();
        String health = given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("mqtt"))
                .body("checks.find { it.name == 'mqtt' }.data.mode", equalTo("external")).extract().asString();
        // Anyone may read it: it names no broker address (the log does).
        assertThat(health).doesNotContain(broker.url()).doesNotContain("127.0.0.1");
    }
}
