package id.bontang.pantau.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;

/** Waits for the application under test to be ready (broker connected, database reachable). */
public final class Ready {

    private Ready() {
    }

    public static void await() {
        org.awaitility.Awaitility.await("readiness").atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

}
