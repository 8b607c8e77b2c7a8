package id.bontang.pantau.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Verifies, against a real Mosquitto with the repository's configuration and its dynamic-security plugin, that Pantau
 * makes each device's broker login as the catalog changes: a device added through the API gets a login bound to its id,
 * allowed to publish its own topics only, whose secret a steward issues (shown once, audited); a new secret closes the
 * connection made with the old one, and removing the device removes its login and closes its connection.
 */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class BrokerLoginsTest {

    private static final String DEVICE = "trf-login-uji";

    private static MqttClient connect(String user, String password, String clientId) throws MqttException {
        MqttClient c = new MqttClient(MosquittoResource.url(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setCleanSession(true);
        c.connect(o);
        return c;
    }

    private static String issue() {
        return SignIn.admin().post("/api/v1/catalog/devices/" + DEVICE + "/credentials").then().statusCode(200)
                .header("Cache-Control", "no-store").body("username", equalTo(DEVICE)).body("clientId", equalTo(DEVICE))
                .extract().jsonPath().getString("password");
    }

    private static long stored(String device) {
        return PostgresResource.current().number("SELECT count(*) FROM reading WHERE device_id = '" + device + "'");
    }

    @Test
    void verifiesThatADeviceAddedLiveGetsItsOwnLoginBoundToItsIdAndItsTopicsAndLosesItWhenRemoved() throws Exception {
        Ready.await();
        SignIn.admin().get("/api/v1/catalog/broker-logins").then().statusCode(200).body("managed", equalTo(true));
        SignIn.admin().contentType("application/json").body(Map.of("id", DEVICE, "kind", "trf", "area", "bontang-baru",
                "name", "Jl. Login Uji")).post("/api/v1/catalog/devices").then().statusCode(201);
        String secret = issue();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(20);

        assertThatThrownBy(() -> connect(DEVICE, secret, "someone-else")).as("bound to its own client id")
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect(DEVICE, "guessed", DEVICE)).isInstanceOf(MqttException.class);
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient watcher = connect(Mosquitto.TESTER, Mosquitto.TESTER_PASSWORD, "watcher-" + System.nanoTime());
        try {
            watcher.subscribe("pantau/v1/devices/#", 1, (topic, m) -> seen.add(topic));
            MqttClient device = connect(DEVICE, secret, DEVICE);
            long t = System.currentTimeMillis();
            device.publish("pantau/v1/devices/trf-ahmad-yani/telemetry",
                    ("{\"ts\":" + t + ",\"values\":{\"vehicles\":99}}").getBytes(StandardCharsets.UTF_8), 1, false);
            device.publish("pantau/v1/devices/" + DEVICE + "/telemetry",
                    ("{\"ts\":" + t + ",\"values\":{\"vehicles\":5}}").getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("pantau/v1/devices/" + DEVICE + "/telemetry"));
            assertThat(seen).as("another device's topic is not its to publish").doesNotContain(
                    "pantau/v1/devices/trf-ahmad-yani/telemetry");
            await().atMost(Duration.ofSeconds(10)).until(() -> stored(DEVICE) == 1);

            String renewed = issue(); // the old secret's connection is closed, the old secret refused
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
            assertThatThrownBy(() -> connect(DEVICE, secret, DEVICE)).isInstanceOf(MqttException.class);
            MqttClient again = connect(DEVICE, renewed, DEVICE);
            assertThat(again.isConnected()).isTrue();
            assertThat(SignIn.admin().get("/api/v1/audit?limit=50").asString()).contains("broker-credentials-issued")
                    .contains("device " + DEVICE).doesNotContain(secret).doesNotContain(renewed);

            SignIn.admin().delete("/api/v1/catalog/devices/" + DEVICE).then().statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> !again.isConnected());
            assertThatThrownBy(() -> connect(DEVICE, renewed, DEVICE)).as("its login is gone").isInstanceOf(MqttException.class);
            device.close();
            again.close();
        } finally {
            watcher.disconnect();
            watcher.close();
        }
        SignIn.admin().post("/api/v1/catalog/devices/" + DEVICE + "/credentials").then().statusCode(404);
    }

    /** The catalog with {@code change} applied to its text, recorded as a new version. */
    private static void edit(java.util.function.UnaryOperator<String> change) {
        io.restassured.response.Response current = SignIn.admin().accept("application/yaml").get("/api/v1/catalog");
        SignIn.admin().contentType("application/yaml").header("If-Match", current.header("ETag"))
                .body(change.apply(current.asString()).getBytes(StandardCharsets.UTF_8)).put("/api/v1/catalog").then()
                .log().ifValidationFails().statusCode(200);
    }

    @Test
    void verifiesThatAConnectorAddedLiveGetsALoginForItsTopicsWhichFollowsThemWhenTheyChange() throws Exception {
        Ready.await();
        String connector = "\n  - {id: gateway-uji, type: json, topic: \"uji/v1/+/data\", device: {topic: 2}, ids: {S1: wx-bontang},"
                + " values: {temperature: {path: t}}}\n";
        edit(text -> text.stripTrailing() + connector);
        String secret = SignIn.admin().post("/api/v1/catalog/connectors/gateway-uji/credentials").then().statusCode(200)
                .body("publishes", equalTo(List.of("uji/v1/+/data"))).extract().jsonPath().getString("password");
        List<String> seen = new CopyOnWriteArrayList<>();
        MqttClient watcher = connect(Mosquitto.TESTER, Mosquitto.TESTER_PASSWORD, "watcher-" + System.nanoTime());
        try {
            watcher.subscribe("uji/#", 1, (topic, m) -> seen.add(topic));
            MqttClient gateway = connect("gateway-uji", secret, "gateway-uji");
            gateway.publish("uji/v1/S1/data", "{\"t\":30}".getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("uji/v1/S1/data"));

            // Its topic changes: the broker closes its connection once (its roles changed), and it connects again
            edit(text -> text.replace("uji/v1/+/data", "uji/v2/+/data"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.isConnected());
            gateway.close();
            MqttClient again = connect("gateway-uji", secret, "gateway-uji");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                again.publish("uji/v2/S1/data", "{\"t\":31}".getBytes(StandardCharsets.UTF_8), 1, false);
                assertThat(seen).as("its new topic is its to publish").contains("uji/v2/S1/data");
            });
            seen.clear();
            again.publish("uji/v1/S1/data", "{\"t\":32}".getBytes(StandardCharsets.UTF_8), 1, false);
            again.publish("uji/v2/S1/data", "{\"t\":33}".getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("uji/v2/S1/data"));
            assertThat(seen).as("its old topic no longer").doesNotContain("uji/v1/S1/data");

            edit(text -> text.replace(connector.replace("uji/v1/", "uji/v2/"), "\n"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !again.isConnected());
            assertThatThrownBy(() -> connect("gateway-uji", secret, "gateway-uji")).as("its login is gone")
                    .isInstanceOf(MqttException.class);
            again.close();
        } finally {
            watcher.disconnect();
            watcher.close();
        }
    }
}
