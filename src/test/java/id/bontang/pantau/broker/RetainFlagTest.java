package id.bontang.pantau.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Configs;
import id.bontang.pantau.support.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * What Pantau's retained-message handling rests on (ingest/Ingest): the retain flag a subscriber sees. A retained
 * message published while a client is subscribed reaches it without the flag, and so does one queued for a
 * persistent session while it was away; only the copy the broker sends because of a subscription carries it (on
 * Mosquitto; Moquette leaves it off). Checked on the real Mosquitto of production and on Pantau's embedded Moquette,
 * MQTT 3.1.1 as Pantau speaks it.
 */
class RetainFlagTest {

    private static final String TOPIC = "pantau/v1/devices/tide-bontang-kuala/telemetry";

    /** What one subscriber received: the payload and whether it came with the retain flag. */
    private record Got(String payload, boolean retained) {
    }

    @Test
    void verifiesTheRetainFlagsOfMosquitto() throws MqttException {
        try (Mosquitto mosquitto = new Mosquitto().start()) {
            retainFlags(mosquitto.url(), Mosquitto.TESTER, Mosquitto.TESTER_PASSWORD, true);
        }
    }

    @Test
    void verifiesTheRetainFlagsOfTheEmbeddedBroker() throws MqttException {
        Broker embedded = new Broker(Configs.of(MqttConfig.class, Map.of("pantau.mqtt.embedded.port",
                Integer.toString(Mosquitto.freePort()), "pantau.mqtt.embedded.host", "127.0.0.1")));
        embedded.start();
        try {
            assertThat(embedded.isEmbedded()).isTrue();
            // Moquette 0.17 sends the retained copy on a subscription WITHOUT the flag: on the embedded broker such a
            // copy cannot be told from a new message. Its retained messages live in memory from Pantau's own start,
            // so only a live subscription cut off and subscribing again while Pantau runs meets one (docs/architecture.md).
            retainFlags(embedded.url(), null, null, false);
        } finally {
            embedded.stop();
        }
    }

    private static void retainFlags(String url, String user, String password, boolean flagOnSubscription)
            throws MqttException {
        List<Got> live = new CopyOnWriteArrayList<>();
        List<Got> durable = new CopyOnWriteArrayList<>();
        String durableId = "retain-durable-" + UUID.randomUUID().toString().substring(0, 8);
        MqttClient sensor = client(url, "retain-sensor-" + UUID.randomUUID().toString().substring(0, 8), user, password, true);
        MqttClient liveClient = client(url, "retain-live-" + UUID.randomUUID().toString().substring(0, 8), user, password, true);
        MqttClient durableClient = client(url, durableId, user, password, false);
        try {
            liveClient.subscribe(TOPIC, 1, (t, m) -> live.add(new Got(new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained())));
            durableClient.subscribe(TOPIC, 1, (t, m) -> durable.add(new Got(new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained())));

            // Published retained while both are subscribed: forwarded without the flag (a new reading, taken).
            sensor.publish(TOPIC, "{\"values\":{\"level_cm\":268}}".getBytes(StandardCharsets.UTF_8), 1, true);
            await().atMost(Duration.ofSeconds(20)).until(() -> live.size() == 1 && durable.size() == 1);
            assertThat(live).containsExactly(new Got("{\"values\":{\"level_cm\":268}}", false));
            assertThat(durable).containsExactly(new Got("{\"values\":{\"level_cm\":268}}", false));

            // The persistent session goes away; a retained message is queued for it and delivered when it comes back.
            durableClient.disconnect();
            durableClient.close();
            sensor.publish(TOPIC, "{\"values\":{\"level_cm\":150}}".getBytes(StandardCharsets.UTF_8), 1, true);
            await().atMost(Duration.ofSeconds(20)).until(() -> live.size() == 2);
            durableClient = new MqttClient(url, durableId, new MemoryPersistence());
            durableClient.setTimeToWait(30_000);
            durableClient.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String t, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                    durable.add(new Got(new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()));
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            durableClient.connect(options(user, password, false)); // the callback first: the queue comes at once
            await().atMost(Duration.ofSeconds(20)).until(() -> durable.size() == 2);
            assertThat(durable.get(1)).as("queued for a persistent session, delivered later")
                    .isEqualTo(new Got("{\"values\":{\"level_cm\":150}}", false));

            // Subscribing again (every reconnection of Pantau's sessions does): the retained copy, with the flag.
            liveClient.subscribe(TOPIC, 1, (t, m) -> live.add(new Got(new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained())));
            durableClient.subscribe(TOPIC, 1, (t, m) -> durable.add(new Got(new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained())));
            await().atMost(Duration.ofSeconds(20)).until(() -> live.size() == 3 && durable.size() == 3);
            assertThat(live.get(2)).isEqualTo(new Got("{\"values\":{\"level_cm\":150}}", flagOnSubscription));
            assertThat(durable.get(2)).isEqualTo(new Got("{\"values\":{\"level_cm\":150}}", flagOnSubscription));
        } finally {
            sensor.publish(TOPIC, new byte[0], 1, true); // the retained message cleared
            for (MqttClient c : new MqttClient[] {sensor, liveClient, durableClient}) {
                if (c.isConnected()) {
                    c.disconnect();
                }
                c.close();
            }
        }
    }

    private static MqttClient client(String url, String id, String user, String password, boolean clean) throws MqttException {
        MqttClient c = new MqttClient(url, id, new MemoryPersistence());
        c.setTimeToWait(30_000);
        c.connect(options(user, password, clean));
        return c;
    }

    private static MqttConnectOptions options(String user, String password, boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(clean);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        return o;
    }
}
