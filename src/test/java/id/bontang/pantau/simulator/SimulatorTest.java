package id.bontang.pantau.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator plays the whole catalog through a real Mosquitto; every tile comes alive, and a scenario an admin
 * starts raises a real alarm (scenario time at the rate factor's pace; the profile schedules none).
 */
@QuarkusTest
@TestProfile(SimulatorTest.Enabled.class)
@WithTestResource(MosquittoResource.class)
class SimulatorTest {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Mosquitto.simulatorConfig());
            config.putAll(Map.of("pantau.simulator.enabled", "true", "pantau.simulator.backfill", "PT1H",
                    "pantau.simulator.rate-factor", "30", "pantau.simulator.scenario-speed", "30"));
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

    @Test
    void verifiesThatAnAdminsSpringTideRaisesTheGaugesFloodAlarmUpToAwas() {
        given().get("/api/v1/simulator/scenarios").then().statusCode(401);
        SignIn.admin().post("/api/v1/simulator/scenarios/tsunami").then().statusCode(404)
                .body("reason", org.hamcrest.Matchers.equalTo("no-such-scenario"));
        SignIn.admin().post("/api/v1/simulator/scenarios/spring-tide").then().statusCode(202)
                .body("scenario", org.hamcrest.Matchers.equalTo("spring-tide"))
                .body("startedAt", org.hamcrest.Matchers.notNullValue()).body("endsAt", org.hamcrest.Matchers.notNullValue());
        SignIn.admin().post("/api/v1/simulator/scenarios/spring-tide").then().statusCode(409)
                .body("reason", org.hamcrest.Matchers.equalTo("scenario-running"));
        Map<String, Object> listed = SignIn.admin().get("/api/v1/simulator/scenarios").jsonPath()
                .getMap("find { it.name == 'spring-tide' }");
        assertThat(listed).containsEntry("running", true).containsEntry("source", "tide-bontang-kuala");
        // Waspada, Siaga, then Awas: one alarm whose severity rises to the gauge's 4 (11 scenario minutes: 22 s here).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Map<String, Object>> alarms = SignIn.admin().get("/api/v1/alarms?rule=flood-level&source=tide-bontang-kuala")
                    .jsonPath().getList("$");
            assertThat(alarms).anySatisfy(a -> {
                assertThat(a.get("severity")).isEqualTo(4);
                assertThat(a.get("active")).isEqualTo(true);
            });
        });
    }
}
