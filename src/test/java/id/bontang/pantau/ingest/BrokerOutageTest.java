package id.bontang.pantau.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Publisher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** The broker going away, and a device going away, through a real Mosquitto. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
class BrokerOutageTest {

    @Test
    void verifiesThatReadinessFollowsTheBrokerAndTheLiveSubscriptionComesBack() {
        Ready.await();
        MosquittoResource.current().stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 503);
        MosquittoResource.restart();
        Ready.await();
        try (Publisher sensor = new Publisher(MosquittoResource.url())) {
            sensor.publish("pantau/v1/feeds/pdam", "{\"values\": {\"production_lps\": 377}}");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/api/v1/tiles").jsonPath()
                .getInt("find { it.id == 'pdam.production' }.value") == 377);
    }

    @Test
    void verifiesThatACameraThatDropsOffIsCountedOfflineThroughItsLastWill() throws Exception {
        Ready.await();
        String topic = "pantau/v1/devices/cctv-042/status";
        MqttClient camera = new MqttClient(MosquittoResource.url(), "cam-" + UUID.randomUUID(), new MemoryPersistence());
        camera.setTimeToWait(30_000);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(Mosquitto.TESTER);
        o.setPassword(Mosquitto.TESTER_PASSWORD.toCharArray());
        o.setWill(topic, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        camera.connect(o);
        camera.publish(topic, "online".getBytes(StandardCharsets.UTF_8), 1, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> online() >= 1);
        int before = online();
        camera.disconnectForcibly(0, 100, false); // gone without a goodbye: the broker publishes the will
        camera.close(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> online() == before - 1);
    }

    private static int online() {
        Integer n = given().get("/api/v1/tiles").jsonPath().get("find { it.id == 'cctv.online' }.online");
        return n == null ? 0 : n;
    }
}
