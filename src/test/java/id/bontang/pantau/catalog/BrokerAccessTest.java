package id.bontang.pantau.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Mosquitto configuration and ACL, on a real mosquitto. */
class BrokerAccessTest {

    static Mosquitto broker;
    static MqttClient watcher;
    static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws MqttException {
        broker = new Mosquitto().user("aqms-loktuan", "loktuan-pw").user("call112", "call112-pw").start();
        watcher = connect(BrokerAccess.PANTAU, Mosquitto.PANTAU_PASSWORD);
        watcher.subscribe("pantau/v1/#", 1, (topic, m) -> seen.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() throws MqttException {
        watcher.disconnect();
        broker.stop();
    }

    static MqttClient connect(String user, String password) throws MqttException {
        MqttClient c = new MqttClient(broker.url(), "t-" + UUID.randomUUID(), new MemoryPersistence());
        c.setTimeToWait(30_000);
        MqttConnectOptions o = new MqttConnectOptions();
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        c.connect(o);
        return c;
    }

    /** Publishes the forbidden messages, then an allowed sentinel; once the sentinel is seen, so would they be. */
    static void publishThenSentinel(MqttClient c, List<String> forbidden, String allowedTopic) throws MqttException {
        String sentinel = UUID.randomUUID().toString();
        for (String topic : forbidden) {
            c.publish(topic, ("forbidden " + sentinel).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        c.publish(allowedTopic, sentinel.getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(allowedTopic + " " + sentinel));
        assertThat(seen).noneMatch(s -> s.endsWith("forbidden " + sentinel));
    }

    @Test
    void verifiesThatTheAclInTheRepositoryIsTheOneTheCatalogGives() throws Exception {
        assertThat(Files.readString(Mosquitto.ACL)).isEqualTo(BrokerAccess.acl(CatalogProducer.builtIn()));
    }

    @Test
    void verifiesThatADevicePublishesOnlyUnderItsOwnTopics() throws Exception {
        MqttClient device = connect("aqms-loktuan", "loktuan-pw");
        publishThenSentinel(device, List.of("pantau/v1/devices/aqms-guntung/telemetry", "pantau/v1/feeds/call112",
                "pantau/v1/other"), "pantau/v1/devices/aqms-loktuan/telemetry");
        publishThenSentinel(device, List.of(), "pantau/v1/devices/aqms-loktuan/status");
        device.disconnect();
    }

    @Test
    void verifiesThatADeviceReadsNothingNotEvenItsOwnTopic() throws Exception {
        MqttClient device = connect("aqms-loktuan", "loktuan-pw");
        List<String> got = new CopyOnWriteArrayList<>();
        device.subscribe("pantau/v1/#", 1, (topic, m) -> got.add(topic));
        device.subscribe("$SYS/#", 0, (topic, m) -> got.add(topic));
        // Another device's reading and a feed's record reach Pantau (the sentinel), never this device.
        MqttClient feed = connect("call112", "call112-pw");
        publishThenSentinel(feed, List.of(), "pantau/v1/feeds/call112");
        publishThenSentinel(device, List.of(), "pantau/v1/devices/aqms-loktuan/telemetry");
        assertThat(got).as("what the device could read").isEmpty();
        feed.disconnect();
        device.disconnect();
    }

    @Test
    void verifiesThatAFeedPublishesOnlyOnItsOwnTopic() throws Exception {
        MqttClient feed = connect("call112", "call112-pw");
        publishThenSentinel(feed, List.of("pantau/v1/feeds/umkm", "pantau/v1/devices/call112/telemetry",
                "pantau/v1/devices/aqms-loktuan/telemetry"), "pantau/v1/feeds/call112");
        feed.disconnect();
    }

    @Test
    void verifiesThatPantauReadsEverythingItNeedsAndWritesOnlyFeeds() throws Exception {
        MqttClient pantau = connect(BrokerAccess.PANTAU, Mosquitto.PANTAU_PASSWORD);
        List<String> shared = new CopyOnWriteArrayList<>();
        // As Pantau's durable path does: Paho's per-subscription listeners do not match $share filters.
        MqttClient store = connect(BrokerAccess.PANTAU, Mosquitto.PANTAU_PASSWORD);
        store.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                shared.add(topic);
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        store.subscribe("$share/pantau-store/pantau/v1/#", 1);
        List<String> dropped = new CopyOnWriteArrayList<>();
        pantau.subscribe("$SYS/broker/publish/messages/dropped", 0, (t, m) -> dropped.add(t));
        publishThenSentinel(pantau, List.of("pantau/v1/devices/aqms-loktuan/telemetry"), "pantau/v1/feeds/umkm");
        await().atMost(Duration.ofSeconds(5)).until(() -> shared.contains("pantau/v1/feeds/umkm"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !dropped.isEmpty()); // $SYS every sys_interval (10 s)
        pantau.disconnect();
        store.disconnect();
    }

    @Test
    void verifiesThatNobodyGetsInWithoutTheRightPassword() {
        assertThatThrownBy(() -> connect(null, null)).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect("aqms-loktuan", "wrong")).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect("aqms-mars", "loktuan-pw")).isInstanceOf(MqttException.class);
    }

    @Test
    void verifiesThatThePasswordFileKeepsPasswordsAndRotatesOnRequest(@TempDir Path dir) throws Exception {
        Catalog catalog = CatalogProducer.builtIn();
        Map<String, String> first = BrokerAccess.write(catalog, dir, "server-pw", Set.of());
        assertThat(first).as("every source and the alarm followers").hasSize(catalog.sources().size() + 1)
                .containsKey(BrokerAccess.ALARMS).doesNotContainKey(BrokerAccess.PANTAU);
        assertThat(Files.readString(dir.resolve("credentials.csv"))).startsWith("user,password,created\n").contains("aqms-loktuan,");
        List<String> lines = Files.readAllLines(dir.resolve("passwd"));
        assertThat(lines).hasSize(catalog.sources().size() + 2).allMatch(l -> l.matches("[a-z0-9-]+:\\$7\\$101\\$[^$]{16}\\$[^$]{88}"));
        String loktuan = lines.stream().filter(l -> l.startsWith("aqms-loktuan:")).findFirst().orElseThrow();

        Map<String, String> again = BrokerAccess.write(catalog, dir, null, Set.of("call112"));
        assertThat(again).containsOnlyKeys("call112");
        List<String> handout = Files.readAllLines(dir.resolve("credentials.csv"));
        assertThat(handout).as("the first list is kept, the rotated password added").hasSize(1 + catalog.sources().size() + 1 + 1)
                .last().asString().startsWith("call112," + again.get("call112") + ",");
        assertThat(Files.readAllLines(dir.resolve("passwd"))).contains(loktuan).doesNotContain(
                lines.stream().filter(l -> l.startsWith("call112:")).findFirst().orElseThrow());
        assertThat(Files.readString(dir.resolve("acl"))).isEqualTo(BrokerAccess.acl(catalog));
    }

    @Test
    void verifiesThatTheCommandReadsTheCatalogPantauRunsWith() {
        BrokerAccess.Options o = BrokerAccess.options(new String[] {"--rotate", "aqms-loktuan", "call112"},
                Map.of("PANTAU_CATALOG", "/catalog/bontang.yaml"));
        assertThat(o.catalogFile()).isEqualTo("/catalog/bontang.yaml");
        assertThat(o.rotate()).containsExactlyInAnyOrder("aqms-loktuan", "call112");
        assertThat(o.dir()).isEqualTo(Path.of("mosquitto"));
        assertThat(BrokerAccess.options(new String[] {"--catalog", "other.yaml", "--dir", "/m"}, Map.of("PANTAU_CATALOG", "x")))
                .isEqualTo(new BrokerAccess.Options("other.yaml", Path.of("/m"), Set.of()));
        assertThat(BrokerAccess.options(new String[0], Map.of("PANTAU_CATALOG", " ")).catalogFile()).as("the built-in one").isNull();
        assertThat(BrokerAccess.options(new String[] {"--rotat", "x"}, Map.of())).isNull();
    }
}
