package id.bontang.pantau.connector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Verifies that the built-in catalog's connectors take their sources' own shapes through the real broker and over HTTP,
 * store each reading once, and keep what they refuse as dead letters naming the connector, the path and the problem.
 */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class ConnectorsTest {

    private static long stored(String device, String metric, Instant time) {
        return PostgresResource.current().number("SELECT count(*) FROM reading WHERE device_id = '" + device + "' AND metric = '"
                + metric + "' AND time = '" + time + "'");
    }

    private static double value(String device, String metric, Instant time) {
        return PostgresResource.current().number("SELECT round(value * 1000) FROM reading WHERE device_id = '" + device
                + "' AND metric = '" + metric + "' AND time = '" + time + "'") / 1000.0;
    }

    private static JsonPath deadLetters(String reason) {
        return SignIn.admin().queryParam("reason", reason).get("/api/v1/dead-letters").then().statusCode(200).extract().jsonPath();
    }

    /** ChirpStack publishing as its own broker login (bound to its client id), as the shipped broker configuration has it. */
    private static MqttClient chirpstack() throws Exception {
        MqttClient c = new MqttClient(MosquittoResource.url(), "chirpstack-bontang", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName("chirpstack-bontang");
        o.setPassword(Mosquitto.passwordOf("chirpstack-bontang").toCharArray());
        c.connect(o);
        return c;
    }

    @Test
    void verifiesThatAChirpStackUplinkThroughTheBrokerIsStoredOnceWithTheDevicesHealth() throws Exception {
        Instant at = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        String id = UUID.randomUUID().toString();
        String up = ConnectorShapesTest.sample("chirpstack-up.json").replace("2026-12-07T02:15:30.123456789Z", at.toString())
                .replace("3ac7e3c4-4401-4b8d-9386-a5c902f9202d", id).replace("\"level\": 1.42", "\"level\": 1.87");
        String topic = "application/17c82e96-be03-4f38-aef3-f83d48582d97/device/70b3d57ed0051a01/event/up";
        MqttClient client = chirpstack();
        try {
            client.publish(topic, up.getBytes(StandardCharsets.UTF_8), 1, false);
            client.publish(topic, up.getBytes(StandardCharsets.UTF_8), 1, false); // ChirpStack's at-least-once: a repeat
            await().atMost(Duration.ofSeconds(20)).until(() -> stored("awlr-telihan", "snr", at) == 1);
        } finally {
            client.disconnect();
            client.close();
        }
        assertThat(stored("awlr-telihan", "level_cm", at)).isEqualTo(1);
        assertThat(value("awlr-telihan", "level_cm", at)).isEqualTo(187.0); // 1.87 m, in the catalog's cm
        assertThat(value("awlr-telihan", "rssi", at)).isEqualTo(-97.0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/api/v1/tiles").jsonPath()
                .getList("findAll { it.id == 'flood.awlr-telihan' }.updatedAt")).isNotEmpty());
    }

    @Test
    void verifiesThatADevicesLoginCannotForgeANetworkServersUplink() throws Exception {
        Instant forged = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.MILLIS);
        Instant real = forged.plusMillis(7);
        String up = ConnectorShapesTest.sample("chirpstack-up.json").replace("3ac7e3c4-4401-4b8d-9386-a5c902f9202d",
                UUID.randomUUID().toString());
        String topic = "application/17c82e96-be03-4f38-aef3-f83d48582d97/device/70b3d57ed0051a01/event/up";
        MqttClient device = new MqttClient(MosquittoResource.url(), "aqms-loktuan", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName("aqms-loktuan");
        o.setPassword(Mosquitto.passwordOf("aqms-loktuan").toCharArray());
        device.connect(o);
        MqttClient chirpstack = chirpstack();
        try {
            device.publish(topic, up.replace("2026-12-07T02:15:30.123456789Z", forged.toString()).getBytes(StandardCharsets.UTF_8),
                    1, false);
            chirpstack.publish(topic, up.replace("2026-12-07T02:15:30.123456789Z", real.toString())
                    .replace("3ac7e3c4", "4bd8f4d5").getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(20)).until(() -> stored("awlr-telihan", "level_cm", real) == 1);
        } finally {
            device.disconnect();
            device.close();
            chirpstack.disconnect();
            chirpstack.close();
        }
        assertThat(stored("awlr-telihan", "level_cm", forged)).as("a device's login publishes its own topics only").isZero();
    }

    @Test
    void verifiesThatAnUplinkOfAnUnknownDeviceIsADeadLetterNamingTheConnectorAndTheDevEui() throws Exception {
        String up = ConnectorShapesTest.sample("chirpstack-up.json").replace("70B3D57ED0051A01", "A84041000181C0DE")
                .replace("2026-12-07T02:15:30.123456789Z", Instant.now().toString());
        try (Publisher p = new Publisher(MosquittoResource.url())) {
            p.publish("application/app/device/a84041000181c0de/event/up", up);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deadLetters("unknown-device")
                .getList("detail", String.class)).anyMatch(d -> d.contains("connector chirpstack-bontang: devEui A84041000181C0DE")));
        assertThat(PostgresResource.current().number("SELECT count(*) FROM dead_letter WHERE topic = "
                + "'application/app/device/a84041000181c0de/event/up' AND reason = 'unknown-device'")).isEqualTo(1);
    }

    @Test
    void verifiesThatAVendorsJsonLandsAndAMissingPathCostsOnlyItsValue() throws Exception {
        LocalDateTime wita = LocalDateTime.now(ZoneId.of("Asia/Makassar")).minusSeconds(30).withNano(0);
        Instant at = wita.atZone(ZoneId.of("Asia/Makassar")).toInstant();
        String json = "{\"station\":\"WL-6C2F\",\"observed\":\"" + wita.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                + "\",\"outdoor\":{\"temp_c\":31.5,\"hum\":\"77\"},\"wind\":{\"speed_kmh\":18}}"; // no rain today
        try (Publisher p = new Publisher(MosquittoResource.url())) {
            p.publish("vendor/weatherlink/WL-6C2F/current", json);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> stored("wx-bontang", "wind_speed", at) == 1);
        assertThat(value("wx-bontang", "wind_speed", at)).isEqualTo(5.0); // 18 km/h
        assertThat(value("wx-bontang", "humidity", at)).isEqualTo(77.0);
        assertThat(stored("wx-bontang", "rain_mm", at)).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deadLetters("missing-value")
                .getList("detail", String.class)).contains("connector weatherlink: no value for rain_mm at rain.last_interval_mm"));
    }

    @Test
    void verifiesThatTheThingsStacksWebhookNeedsItsSecretAndStoresAnUplinkOnce() throws Exception {
        Instant at = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        String up = ConnectorShapesTest.sample("tts-uplink.json").replace("2026-12-07T02:15:31.712345678Z", at.toString())
                .replace("01JEXAMPLEUPLINK000000000000", UUID.randomUUID().toString());
        given().body(up).post("/api/v1/connectors/tts-bontang/uplinks").then().statusCode(401)
                .body("detail", containsString("X-Pantau-Secret"));
        given().header("X-Pantau-Secret", "wrong-secret").body(up).post("/api/v1/connectors/tts-bontang/uplinks").then()
                .statusCode(401);
        for (int i = 0; i < 2; i++) { // The Things Stack retries a webhook that did not answer in time
            given().header("X-Pantau-Secret", "test-webhook-secret-0123456789").body(up)
                    .post("/api/v1/connectors/tts-bontang/uplinks").then().statusCode(202).body("values", equalTo(3));
        }
        assertThat(stored("awlr-telihan", "rssi", at)).isEqualTo(1);
        assertThat(value("awlr-telihan", "snr", at)).isEqualTo(2.5);
        given().header("X-Pantau-Secret", "test-webhook-secret-0123456789").body("{not json")
                .post("/api/v1/connectors/tts-bontang/uplinks").then().statusCode(400).body("reason", equalTo("malformed-payload"));
        given().header("X-Pantau-Secret", "test-webhook-secret-0123456789").body(up.replace("70B3D57ED0051A01", "70B3D57ED0059999")
                .replace("telihan-1", "elsewhere")).post("/api/v1/connectors/tts-bontang/uplinks").then().statusCode(202)
                .body("refused", equalTo(1)).body("reason", equalTo("unknown-device"));
        given().header("X-Pantau-Secret", "test-webhook-secret-0123456789").body(up)
                .post("/api/v1/connectors/weatherlink/uplinks").then().statusCode(404);
    }

    @Test
    void verifiesThatTheConnectorsStateIsForTheCitysStaffOnly() {
        given().get("/api/v1/connectors").then().statusCode(401);
        SignIn.admin().contentType("application/json").body(Map.of("username", "conn-viewer", "role", "viewer", "password",
                "connectors password viewer")).post("/api/v1/users").then().statusCode(201);
        SignIn.as("conn-viewer", "connectors password viewer").get("/api/v1/connectors").then().statusCode(403);
        JsonPath all = SignIn.admin().get("/api/v1/connectors").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("id", String.class)).containsExactly("chirpstack-bontang", "tts-bontang", "weatherlink", "bmkg-gempa");
        assertThat(all.getString("find { it.id == 'tts-bontang' }.webhook")).isEqualTo("/api/v1/connectors/tts-bontang/uplinks");
        assertThat(all.getBoolean("find { it.id == 'tts-bontang' }.secretConfigured")).isTrue();
        assertThat(all.getList("find { it.id == 'chirpstack-bontang' }.topics", String.class))
                .isEqualTo(List.of("application/+/device/+/event/+"));
    }
}
