package id.bontang.pantau.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URI;
import java.time.Duration;

/**
 * The packaged server (the jar, in its production profile: simulator off) against a real Mosquitto: a
 * reading becomes a delta on the wall and a changed tile in the API.
 */
@QuarkusIntegrationTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PackagedServerIT.OpenWall.class)
class PackagedServerIT {

    /** The packaged server closes the wall by default (docs/security.md); this test reads it as a closed network's wall. */
    public static class OpenWall implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {
        @Override
        public java.util.Map<String, String> start() {
            // and polls no pull feed: the built-in catalog's reads BMKG on the internet (PullFeedsIT serves its own)
            return java.util.Map.of("pantau.security.wall-anonymous", "true", "pantau.connector.pull", "false");
        }

        @Override
        public void stop() {
        }
    }

    @TestHTTPResource("/ws/wall")
    URI wall;

    @org.junit.jupiter.api.Test
    void verifiesThatThePackagedServerTurnsAPublishedReadingIntoADeltaAndATile() {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        assertThat(given().get("/api/v1/tiles").jsonPath().getList("findAll { it.freshness != 'no-data' }"))
                .as("the simulator is off in production").isEmpty();
        try (WallClient client = new WallClient(Wall.socket(wall, null));
                Publisher sensor = new Publisher(MosquittoResource.url())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.messages().isEmpty());
            sensor.telemetry("awlr-api-api", "{\"values\": {\"level_cm\": 151}}");
            await().atMost(Duration.ofSeconds(3)).until(() -> {
                JsonNode t = client.tile("flood.awlr-api-api");
                return t != null && t.get("value").asInt() == 151;
            });
            assertThat(client.tile("flood.awlr-api-api").get("level").get("id").asText()).isEqualTo("Siaga");
            assertThat(given().get("/api/v1/tiles").jsonPath().getInt("find { it.id == 'flood.awlr-api-api' }.value"))
                    .isEqualTo(151);
        }
    }
}
