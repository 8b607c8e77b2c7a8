package id.bontang.pantau.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * A device's login trying to take over Pantau's durable sessions, on the shipped broker configuration (a real
 * mosquitto with the dynamic-security plugin) with Pantau storing into the machine's PostgreSQL. The client ids are
 * predictable ({@code pantau-store-<instance>-N}; compose fixes the instance name {@code pantau-1}): on a broker where
 * any login may use any client id, a device connecting with them took Pantau's sessions (clean session off) or wiped
 * them (on), and readings the broker had acknowledged were never stored.
 */
@QuarkusTest
@TestProfile(SessionTakeoverTest.AsComposed.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class SessionTakeoverTest {

    static final String INSTANCE = "pantau-1";
    static final String ATTACKER = "aqms-loktuan";
    static final String GAUGE = "awlr-sungai-km5";
    static final int READINGS = 40;

    /** The instance name compose sets, so that the attacker knows every client id. */
    public static class AsComposed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.mqtt.instance", INSTANCE);
        }
    }

    private static Postgres db() {
        return PostgresResource.current();
    }

    /**
     * Verifies that every reading the broker acknowledged is stored while a device's login tries, every 200 ms, each
     * of Pantau's durable client ids with clean session off and on; and that the broker refused every attempt.
     */
    @Test
    void verifiesThatADeviceLoginCannotTakeOverPantausDurableSessions() throws Exception {
        Ready.await();
        int sessions = given().get("/q/health/group/storage").jsonPath().getInt("checks.find { it.name == 'durable' }.data.sessions");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/group/storage").jsonPath()
                .getInt("checks.find { it.name == 'durable' }.data.subscribed") == sessions);
        assertThat(sessions).isEqualTo(32);

        Map<String, Integer> answers = new ConcurrentHashMap<>(); // CONNACK return code by attempt; 0 = accepted
        List<Socket> held = new ArrayList<>();
        AtomicInteger rounds = new AtomicInteger();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScheduledExecutorService attacker = Executors.newSingleThreadScheduledExecutor();
        attacker.scheduleAtFixedRate(() -> {
            int round = rounds.getAndIncrement();
            // What got in stays connected until the next round, subscribed to every reading.
            held.forEach(SessionTakeoverTest::close);
            held.clear();
            for (int n = 1; n <= sessions; n++) {
                String id = "pantau-store-" + INSTANCE + "-" + n;
                try {
                    Socket socket = new Socket("127.0.0.1", MosquittoResource.current().port());
                    int code = connect(socket, id, round % 2 == 1);
                    answers.put(round + " " + id, code);
                    if (code == 0) {
                        subscribe(socket);
                        held.add(socket);
                    } else {
                        close(socket);
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e); // a task that throws is not run again: say why
                }
            }
        }, 0, 200, TimeUnit.MILLISECONDS);

        long start = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        MqttClient gauge = new MqttClient(MosquittoResource.url(), GAUGE, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(GAUGE);
        o.setPassword(Mosquitto.passwordOf(GAUGE).toCharArray());
        gauge.connect(o);
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        publisher.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement();
            if (i >= READINGS) {
                return;
            }
            String payload = "{\"ts\": " + (start + i * 1000L) + ", \"values\": {\"level_cm\": " + (100 + i) + "}}";
            try {
                gauge.publish("pantau/v1/devices/" + GAUGE + "/telemetry", payload.getBytes(StandardCharsets.UTF_8), 1, false);
                acknowledged.incrementAndGet(); // MqttClient returns once the broker's PUBACK is in
            } catch (MqttException e) {
                // not acknowledged: the broker owes nothing for it
            }
        }, 0, 150, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= READINGS && rounds.get() >= 20);
        publisher.shutdown();
        publisher.awaitTermination(10, TimeUnit.SECONDS);
        attacker.shutdown();
        attacker.awaitTermination(30, TimeUnit.SECONDS);
        held.forEach(SessionTakeoverTest::close);
        gauge.disconnect();
        assertThat(failures).as("the attacker's own failures").isEmpty();

        assertThat(acknowledged.get()).as("readings the broker acknowledged").isEqualTo(READINGS);
        String stored = "SELECT count(DISTINCT time) FROM reading WHERE device_id = '" + GAUGE + "' AND time >= TIMESTAMPTZ 'epoch' + "
                + start + " * INTERVAL '1 millisecond'";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db().number(stored))
                .as("acknowledged readings stored").isEqualTo(acknowledged.get()));
        assertThat(answers).as("the broker's answer to each attempt").hasSizeGreaterThanOrEqualTo(20 * sessions)
                .allSatisfy((attempt, code) -> assertThat(code).as(attempt).isEqualTo(5)); // 5: not authorized
        assertThat(given().get("/q/health/group/storage").jsonPath().getInt("checks.find { it.name == 'durable' }.data.subscribed"))
                .as("Pantau's sessions, still all subscribed").isEqualTo(sessions);
    }

    /**
     * An MQTT 3.1.1 CONNECT as the attacker's login with {@code clientId}, on a bare socket (Paho's clients take up to a
     * second to give up after a refusal, too slow for 32 attempts every 200 ms). Returns the CONNACK's return code.
     */
    private static int connect(Socket socket, String clientId, boolean cleanSession) throws IOException {
        socket.setSoTimeout(5_000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeUTF("MQTT");
        b.writeByte(4); // 3.1.1
        b.writeByte(0x80 | 0x40 | (cleanSession ? 0x02 : 0)); // user name, password, clean session
        b.writeShort(60);
        b.writeUTF(clientId);
        b.writeUTF(ATTACKER);
        b.writeUTF(Mosquitto.passwordOf(ATTACKER));
        send(socket, 0x10, body.toByteArray());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int type = in.readUnsignedByte();
        int length = in.readUnsignedByte();
        if (type != 0x20 || length != 2) {
            throw new IOException("not a CONNACK: " + type + " " + length);
        }
        in.readUnsignedByte(); // session present
        return in.readUnsignedByte();
    }

    /** SUBSCRIBE to every reading at QoS 1. */
    private static void subscribe(Socket socket) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeShort(1);
        b.writeUTF("pantau/v1/#");
        b.writeByte(1);
        send(socket, 0x82, body.toByteArray());
    }

    private static void send(Socket socket, int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int length = body.length;
        do { // the remaining length, 7 bits a byte
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.write(body);
        socket.getOutputStream().write(packet.toByteArray());
        socket.getOutputStream().flush();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
