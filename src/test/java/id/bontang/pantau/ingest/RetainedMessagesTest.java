package id.bontang.pantau.ingest;

import id.bontang.pantau.broker.LiveSubscription;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Metrics;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Retained messages and Pantau's own output, through a real Mosquitto and PostgreSQL, with both subscriptions (live
 * and durable). Mosquitto sends every retained message again, flagged, whenever a session subscribes: at each
 * reconnection of the live subscription and each start of a durable session.
 */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class RetainedMessagesTest {

    @Inject
    DeadLetters deadLetters;

    @Inject
    LiveSubscription live;

    private static Postgres db() {
        return PostgresResource.current();
    }

    /**
     * The broker restarted with its persistence file (its retained messages and Pantau's sessions kept): both
     * subscriptions reconnect and subscribe again.
     */
    private static void restartBroker() {
        MosquittoResource.current().stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 503);
        MosquittoResource.current().start();
        Ready.await();
    }

    private static double skipped(String path) {
        return Metrics.value("pantau_ingest_retained_skipped_total{path=\"" + path + "\"}");
    }

    private static Number tile(String id) {
        return given().get("/api/v1/tiles").jsonPath().get("find { it.id == '" + id + "' }.value");
    }

    /**
     * Verifies that a retained reading without {@code ts} is taken when it is published (Mosquitto forwards it without
     * the retain flag), and that its copy sent again on the reconnection of both subscriptions is neither shown as
     * fresh nor stored, only counted per path.
     */
    @Test
    void verifiesThatRetainedTelemetryWithoutItsTimeIsNotTakenAgainAfterAReconnection() throws MqttException {
        Ready.await();
        String topic = "pantau/v1/devices/tide-tanjung-laut-indah/telemetry";
        String rows = "SELECT count(*) FROM reading WHERE device_id = 'tide-tanjung-laut-indah' AND metric = 'level_cm'";
        try (Device device = new Device()) {
            device.publish(topic, "{\"values\":{\"level_cm\":268}}", true);
            await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(268).equals(tile("flood.tide-tanjung-laut-indah")));
            await().atMost(Duration.ofSeconds(10)).until(() -> db().number(rows) == 1);
            device.publish(topic, "{\"values\":{\"level_cm\":150}}", false);
            await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(150).equals(tile("flood.tide-tanjung-laut-indah")));
            await().atMost(Duration.ofSeconds(10)).until(() -> db().number(rows) == 2);
        }
        double liveBefore = skipped("live");
        double durableBefore = skipped("durable");

        restartBroker();

        // Published after the subscriptions were renewed, so handled after the retained copies they brought: by the
        // live subscription (one client, in order) and by the device's durable session (committed in order).
        try (Device device = new Device()) {
            device.publish("pantau/v1/devices/tide-bontang-kuala/telemetry", "{\"values\":{\"level_cm\":181}}", false);
            await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(181).equals(tile("flood.tide-bontang-kuala")));
            assertThat(tile("flood.tide-tanjung-laut-indah")).as("the retained copy is not shown as a new reading").isEqualTo(150);
            device.publish(topic, "{\"values\":{\"level_cm\":151}}", false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> db().number(rows + " AND value = 151") == 1);
        assertThat(db().number(rows + " AND value = 268")).as("the retained copy was not stored again").isEqualTo(1);
        assertThat(db().number(rows)).isEqualTo(3);
        assertThat(skipped("live")).as("counted on the live path").isEqualTo(liveBefore + 1);
        assertThat(skipped("durable")).as("and on the durable one").isEqualTo(durableBefore + 1);
    }

    /**
     * Verifies that a retained status is stored when it is published and not again when the durable session
     * subscribes again (two reconnections): stored rows are the device's changes.
     */
    @Test
    void verifiesThatARetainedStatusIsStoredOnceAcrossReconnections() throws MqttException {
        Ready.await();
        String topic = "pantau/v1/devices/cctv-017/status";
        String rows = "SELECT count(*) FROM reading WHERE device_id = 'cctv-017' AND metric = 'online'";
        String newest = "SELECT coalesce((SELECT value FROM reading WHERE device_id = 'cctv-017' AND metric = 'online' "
                + "ORDER BY time DESC LIMIT 1), -1)";
        try (Device camera = new Device()) {
            camera.publish(topic, "online", true);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> db().number(rows) == 1);

        restartBroker();
        // After the retained "online" sent again on the session's subscription: a change, stored.
        try (Device camera = new Device()) {
            camera.publish(topic, "offline", true);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> db().number(newest) == 0);
        assertThat(db().number(rows)).as("online, offline").isEqualTo(2);

        restartBroker();
        try (Device camera = new Device()) {
            camera.publish(topic, "online", true);
        }
        // Stored in the session's order: once the newest row is this "online", the copies before it were handled.
        await().atMost(Duration.ofSeconds(10)).until(() -> db().number(rows) >= 3 && db().number(newest) == 1);
        assertThat(db().number(rows)).as("online, offline, online: no row for a retained copy").isEqualTo(3);
    }

    /**
     * Verifies that Pantau's own alarm topics are not read back as dead letters (the live subscription reads the input
     * topics only), while a device's unknown sub-topic still is one.
     */
    @Test
    void verifiesThatOwnAlarmMessagesAreNoDeadLetters() throws MqttException {
        Ready.await();
        try (Device device = new Device()) {
            device.publish("pantau/v1/alarms/990001", "{\"id\":990001,\"state\":\"active\"}", true);
            device.publish("pantau/v1/alarms/990001", "", true);
            device.publish("pantau/v1/devices/tide-loktuan/config", "{}", false);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters.newest(100, null).stream()
                .anyMatch(d -> d.topic().equals("pantau/v1/devices/tide-loktuan/config")));
        assertThat(deadLetters.newest(1000, null)).noneMatch(d -> d.topic().startsWith("pantau/v1/alarms/"));
        assertThat(db().number("SELECT count(*) FROM dead_letter WHERE topic LIKE 'pantau/v1/alarms/%'")).isZero();
    }

    /** A device as tests play it, publishing with or without the retain flag. */
    private static final class Device implements AutoCloseable {

        private final MqttClient client;

        Device() throws MqttException {
            client = new MqttClient(MosquittoResource.url(), "device-" + UUID.randomUUID(), new MemoryPersistence());
            client.setTimeToWait(30_000);
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(Mosquitto.TESTER);
            o.setPassword(Mosquitto.TESTER_PASSWORD.toCharArray());
            client.connect(o);
        }

        void publish(String topic, String payload, boolean retained) throws MqttException {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
        }

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }
}
