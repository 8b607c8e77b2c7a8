package id.bontang.pantau.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** With the simulator off (the test profile), the scenarios are listed, none scheduled, and none can start. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
class ScenariosOffTest {

    @Test
    void verifiesThatScenariosNeedAnAdminAndTheSimulator() {
        given().post("/api/v1/simulator/scenarios/spring-tide").then().statusCode(401);
        SignIn.admin().get("/api/v1/simulator/scenarios").then().statusCode(200)
                .body("name", hasItems("spring-tide", "air-quality", "silent-feed"))
                .body("find { it.name == 'spring-tide' }.running", equalTo(false))
                .body("find { it.name == 'spring-tide' }.nextRun", nullValue());
        SignIn.admin().post("/api/v1/simulator/scenarios/spring-tide").then().statusCode(409)
                .contentType("application/problem+json").body("reason", equalTo("simulator-off"));
        SignIn.admin().post("/api/v1/simulator/scenarios/tsunami").then().statusCode(404)
                .body("reason", equalTo("no-such-scenario"));
    }
}
