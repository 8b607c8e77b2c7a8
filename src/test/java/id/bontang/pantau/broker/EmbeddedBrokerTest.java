package id.bontang.pantau.broker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import id.bontang.pantau.support.Publisher;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without PANTAU_MQTT_URL Pantau brings its own broker, and sensors can publish to it. */
@QuarkusTest
class EmbeddedBrokerTest {

    @Inject
    Broker broker;

    @Test
    void verifiesThatTheEmbeddedBrokerCarriesTelemetryToTheTiles() {
        assertThat(broker.isEmbedded()).isTrue();
        assertThat(broker.url()).startsWith("tcp://127.0.0.1:");
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().body("checks.find { it.name == 'mqtt' }.data.mode", equalTo("embedded"));
        try (Publisher sensor = new Publisher(broker.url())) {
            sensor.telemetry("tide-bontang-kuala", "{\"values\": {\"level_cm\": 241}}");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> "Siaga".equals(given().get("/api/v1/tiles").jsonPath()
                .getString("find { it.id == 'flood.tide-bontang-kuala' }.level.id")));
    }
}
