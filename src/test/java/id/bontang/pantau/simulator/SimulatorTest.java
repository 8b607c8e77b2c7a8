package id.bontang.pantau.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.MosquittoResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator plays the whole catalog through a real Mosquitto; every tile comes alive. */
@QuarkusTest
@TestProfile(SimulatorTest.Enabled.class)
@WithTestResource(MosquittoResource.class)
class SimulatorTest {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Mosquitto.simulatorConfig());
            config.putAll(Map.of("pantau.simulator.enabled", "true", "pantau.simulator.backfill", "PT1H",
                    "pantau.simulator.rate-factor", "30"));
            return config;
        }
    }

    @Test
    void verifiesThatEveryTileGetsDataAndStaysFresh() {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Map<String, Object>> tiles = given().get("/api/v1/tiles").jsonPath().getList("$");
            assertThat(tiles).hasSize(28).allSatisfy(t -> {
                assertThat(t.get("freshness")).as((String) t.get("id")).isEqualTo("fresh");
                assertThat(t.get("value")).as((String) t.get("id")).isNotNull();
            });
            Map<String, Object> cctv = given().get("/api/v1/tiles").jsonPath().getMap("find { it.id == 'cctv.online' }");
            assertThat(((Number) cctv.get("reporting")).intValue()).as("cameras reporting").isGreaterThan(60);
        });
    }
}
