package id.bontang.pantau.broker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import id.bontang.pantau.support.Publisher;
import io.moquette.broker.ClientDescriptor;
import io.moquette.broker.Server;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.InterceptHandler;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** Without PANTAU_MQTT_URL Pantau brings its own broker, and sensors can publish to it. */
@QuarkusTest
class EmbeddedBrokerTest {

    @Inject
    Broker broker;

    @Inject
    LiveSubscription live;

    @Test
    void verifiesThatTheEmbeddedBrokerCarriesTelemetryToTheTiles() {
        assertThat(broker.isEmbedded()).isTrue();
        assertThat(broker.url()).startsWith("tcp://127.0.0.1:");
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().body("checks.find { it.name == 'mqtt' }.data.mode", equalTo("embedded"))
                // the wall's status line says where the development broker listens
                .body("checks.find { it.name == 'mqtt' }.data.port", equalTo(java.net.URI.create(broker.url()).getPort()));
        try (Publisher sensor = new Publisher(broker.url())) {
            sensor.telemetry("tide-bontang-kuala", "{\"values\": {\"level_cm\": 241}}");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> "Siaga".equals(given().get("/api/v1/tiles").jsonPath()
                .getString("find { it.id == 'flood.tide-bontang-kuala' }.level.id")));
    }

    /**
     * On the embedded broker the live subscription may be the only path a reading has, and Moquette drops QoS 0
     * deliveries to a subscriber that falls behind (EmbeddedBrokerBurstTest): it asks for QoS 1 there. Cut off, it
     * reconnects by itself and subscribes again, which the broker is watched for.
     */
    @Test
    void verifiesThatTheLiveSubscriptionAsksTheEmbeddedBrokerForQoS1() {
        Server server = broker.embeddedServer();
        List<MqttQoS> asked = new CopyOnWriteArrayList<>();
        InterceptHandler watch = new AbstractInterceptHandler() {
            @Override
            public String getID() {
                return "test-live-qos";
            }

            @Override
            public void onSubscribe(InterceptSubscribeMessage m) {
                if (m.getClientID().contains("-live-") && m.getTopicFilter().equals("pantau/v1/devices/#")) {
                    asked.add(m.getRequestedQos());
                }
            }

            @Override
            public void onSessionLoopError(Throwable error) {
            }
        };
        server.addInterceptHandler(watch);
        try {
            await().atMost(Duration.ofSeconds(20)).until(live::isLive); // the test may run first: connected yet?
            String client = server.listConnectedClients().stream().map(ClientDescriptor::getClientID)
                    .filter(id -> id.contains("-live-")).findFirst().orElseThrow();
            server.disconnectClient(client);
            await().atMost(Duration.ofSeconds(20)).until(() -> !asked.isEmpty());
            assertThat(asked).containsOnly(MqttQoS.AT_LEAST_ONCE);
            await().atMost(Duration.ofSeconds(20)).until(live::isLive);
        } finally {
            server.removeInterceptHandler(watch);
        }
    }

    /** mosquitto_pub and many small sensors connect with an empty client id and a clean session. */
    @Test
    void verifiesThatAClientWithoutAnIdMayPublish() throws MqttException {
        MqttClient sensor = new MqttClient(broker.url(), "", new MemoryPersistence());
        sensor.setTimeToWait(30_000);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        sensor.connect(o);
        try {
            sensor.publish("pantau/v1/devices/tide-loktuan/telemetry", "{\"values\": {\"level_cm\": 187}}".getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            sensor.disconnect();
            sensor.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/api/v1/tiles").jsonPath()
                .getInt("find { it.id == 'flood.tide-loktuan' }.value") == 187);
    }
}
