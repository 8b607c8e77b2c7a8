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

/** The shipped Mosquitto configuration and its dynamic-security plugin's logins and roles, on a real mosquitto. */
class BrokerAccessTest {

    static Mosquitto broker;
    static MqttClient watcher;
    static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws MqttException {
        broker = new Mosquitto().user("aqms-loktuan", "loktuan-pw").user("call112", "call112-pw").start();
        // Pantau's login may use any client id: the watcher uses a random one.
        watcher = connect(BrokerAccess.PANTAU, Mosquitto.PANTAU_PASSWORD);
        watcher.subscribe("pantau/v1/#", 1, (topic, m) -> seen.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() throws MqttException {
        watcher.disconnect();
        broker.stop();
    }

    /** Connects with the client id a login is bound to (its own name), or a random one for Pantau's. */
    static MqttClient connect(String user, String password) throws MqttException {
        return connect(user, password, user == null || user.equals(BrokerAccess.PANTAU) ? "t-" + UUID.randomUUID() : user, null);
    }

    static MqttClient connect(String user, String password, String clientId, MqttConnectOptions options) throws MqttException {
        MqttClient c = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        c.setTimeToWait(30_000);
        MqttConnectOptions o = options == null ? new MqttConnectOptions() : options;
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Asserts that the broker answers the CONNECT with "not authorized" (CONNACK 5). */
    static void assertRefused(String user, String password, String clientId, boolean cleanSession) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(cleanSession);
        assertThatThrownBy(() -> connect(user, password, clientId, o)).as(user + " as client id " + clientId)
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
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

    /**
     * Verifies that every login but Pantau's connects only with its own client id: a device cannot take over another
     * device's session nor Pantau's (durable or live), with clean session on or off, nor can the alarm followers.
     */
    @Test
    void verifiesThatALoginConnectsOnlyWithTheClientIdItIsBoundTo() throws Exception {
        for (boolean clean : new boolean[] {false, true}) {
            assertRefused("aqms-loktuan", "loktuan-pw", "aqms-guntung", clean);
            assertRefused("aqms-loktuan", "loktuan-pw", "pantau-store-pantau-1-1", clean);
            assertRefused("aqms-loktuan", "loktuan-pw", "pantau-store-pantau-1-32", clean);
            assertRefused("aqms-loktuan", "loktuan-pw", "pantau-live-0a1b2c3d", clean);
            assertRefused("aqms-loktuan", "loktuan-pw", "pantau-alarms", clean);
            assertRefused("call112", "call112-pw", "pantau-store-pantau-1-7", clean);
            assertRefused(BrokerAccess.ALARMS, Mosquitto.passwordOf(BrokerAccess.ALARMS), "pantau-store-pantau-1-1", clean);
            assertRefused(BrokerAccess.ALARMS, Mosquitto.passwordOf(BrokerAccess.ALARMS), "alarm-follower", clean);
        }
        // No id: the broker would make one up, which is not the one the login is bound to.
        assertThatThrownBy(() -> connect("aqms-loktuan", "loktuan-pw", "", null)).isInstanceOf(MqttException.class);
        for (String user : List.of("aqms-loktuan", "call112", BrokerAccess.ALARMS)) {
            String password = user.equals(BrokerAccess.ALARMS) ? Mosquitto.passwordOf(user) : user.equals("call112") ? "call112-pw" : "loktuan-pw";
            connect(user, password).disconnect(); // its own id is fine
        }
        connect(BrokerAccess.PANTAU, Mosquitto.PANTAU_PASSWORD, "pantau-store-pantau-1-1", null).disconnect();
        connect(BrokerAccess.PANTAU, Mosquitto.PANTAU_PASSWORD, "pantau-live-0a1b2c3d", null).disconnect();
    }

    /**
     * Verifies that a device cannot fire another device's last will: connecting with the other's client id would take
     * over its connection and make the broker publish its will ({@code offline}); the broker refuses it instead, and
     * the device stays connected.
     */
    @Test
    void verifiesThatADeviceCannotFireAnotherDevicesLastWill() throws Exception {
        MqttConnectOptions withWill = new MqttConnectOptions();
        withWill.setWill("pantau/v1/devices/aqms-guntung/status", "offline".getBytes(StandardCharsets.UTF_8), 1, false);
        MqttClient guntung = connect("aqms-guntung", Mosquitto.passwordOf("aqms-guntung"), "aqms-guntung", withWill);
        List<Integer> answers = new java.util.ArrayList<>();
        for (boolean clean : new boolean[] {true, false}) {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(clean);
            try {
                connect("aqms-loktuan", "loktuan-pw", "aqms-guntung", o).disconnectForcibly();
                answers.add(0);
            } catch (MqttException e) {
                answers.add(e.getReasonCode());
            }
        }
        // The sentinel comes after the attempts: had a will been fired, it would have been seen first.
        MqttClient tester = connect(Mosquitto.TESTER, Mosquitto.TESTER_PASSWORD, "t-" + UUID.randomUUID(), null);
        publishThenSentinel(tester, List.of(), "pantau/v1/devices/aqms-guntung/status");
        tester.disconnect();
        assertThat(seen).noneMatch(m -> m.equals("pantau/v1/devices/aqms-guntung/status offline"));
        assertThat(guntung.isConnected()).as("the device keeps its connection").isTrue();
        assertThat(answers).as("CONNACK of each attempt").containsOnly((int) MqttException.REASON_CODE_NOT_AUTHORIZED);
        guntung.disconnect();
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
        device.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                got.add(topic);
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        for (String filter : List.of("pantau/v1/#", "pantau/v1/devices/aqms-loktuan/#", "$SYS/#", "#")) {
            // The broker answers the subscription with "failure" (SUBACK 0x80), which Paho throws.
            assertThatThrownBy(() -> device.subscribe(filter, 1)).as(filter).isInstanceOfSatisfying(MqttException.class,
                    e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_SUBSCRIBE_FAILED));
        }
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

    /** Verifies that regenerating keeps every password, that --rotate replaces only the one named, and what it refuses. */
    @Test
    void verifiesThatTheFileKeepsPasswordsAndRotatesOnRequest(@TempDir Path dir) throws Exception {
        Catalog catalog = CatalogProducer.builtIn();
        int connectors = (int) catalog.connectors().stream().filter(c -> c.mqtt()).count(); // their network servers' logins
        Map<String, String> first = BrokerAccess.write(catalog, dir, "server-pw", Set.of());
        assertThat(first).as("every source, every MQTT connector and the alarm followers")
                .hasSize(catalog.sources().size() + connectors + 1)
                .containsKey(BrokerAccess.ALARMS).doesNotContainKey(BrokerAccess.PANTAU);
        assertThat(Files.readString(dir.resolve("credentials.csv"))).startsWith("user,password,created\n").contains("aqms-loktuan,");
        Path file = dir.resolve(BrokerAccess.FILE);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Map<String, DynamicSecurity.Secret> secrets = DynamicSecurity.secrets(file);
        assertThat(secrets).hasSize(catalog.sources().size() + connectors + 2);
        assertThat(secrets.get(BrokerAccess.PANTAU).matches("server-pw")).isTrue();
        assertThat(secrets.get("aqms-loktuan").matches(first.get("aqms-loktuan"))).isTrue();

        Map<String, String> again = BrokerAccess.write(catalog, dir, "server-pw", Set.of("call112"));
        assertThat(again).containsOnlyKeys("call112");
        List<String> handout = Files.readAllLines(dir.resolve("credentials.csv"));
        assertThat(handout).as("the first list is kept, the rotated password added").hasSize(1 + catalog.sources().size() + connectors + 1 + 1)
                .last().asString().startsWith("call112," + again.get("call112") + ",");
        Map<String, DynamicSecurity.Secret> after = DynamicSecurity.secrets(file);
        assertThat(after.get("aqms-loktuan")).isEqualTo(secrets.get("aqms-loktuan"));
        assertThat(after.get(BrokerAccess.PANTAU)).as("the same password is not hashed again").isEqualTo(secrets.get(BrokerAccess.PANTAU));
        assertThat(after.get("call112").matches(again.get("call112"))).isTrue();

        assertThatThrownBy(() -> BrokerAccess.write(catalog, dir, null, Set.of("aqms-mars", "call112")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rotate aqms-mars: no such login");
        assertThat(DynamicSecurity.secrets(file)).as("nothing written").isEqualTo(after);
    }

    /**
     * Verifies that the administrator's login, through which Pantau makes the devices' logins, is written only when its
     * password is given, holds the plugin's admin role alone, and is removed again when it no longer is.
     */
    @Test
    void verifiesThatTheAdministratorsLoginIsWrittenOnlyWithItsPassword(@TempDir Path dir) throws Exception {
        Catalog catalog = CatalogProducer.builtIn();
        BrokerAccess.write(catalog, List.of(), dir, "server-pw", "admin-pw", Set.of());
        Map<String, DynamicSecurity.Secret> secrets = DynamicSecurity.secrets(dir.resolve(BrokerAccess.FILE));
        assertThat(secrets.get(BrokerAccess.ADMIN).matches("admin-pw")).isTrue();
        String json = Files.readString(dir.resolve(BrokerAccess.FILE));
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("clients").findValues("username")
                .stream().map(n -> n.asText()).toList()).contains(BrokerAccess.ADMIN);
        BrokerAccess.write(catalog, List.of(), dir, "server-pw", null, Set.of());
        assertThat(DynamicSecurity.secrets(dir.resolve(BrokerAccess.FILE))).doesNotContainKey(BrokerAccess.ADMIN);
    }

    /**
     * Verifies, on a real broker, the file as mosquitto/credentials writes it: each login gets in with the password
     * handed out, bound to its client id, and a password from a former Mosquitto password file still works.
     */
    @Test
    void verifiesThatTheWrittenFileLetsEachLoginInOnTheBroker(@TempDir Path dir) throws Exception {
        // A password file as mosquitto_passwd wrote it before this plugin: the same PBKDF2-SHA512 hash.
        DynamicSecurity.Secret old = DynamicSecurity.Secret.of("guntung-old");
        Files.writeString(dir.resolve("passwd"), "aqms-guntung:$7$" + old.iterations() + "$" + old.salt() + "$" + old.hash() + "\n");
        Map<String, String> fresh = BrokerAccess.write(CatalogProducer.builtIn(), List.of("siren"), dir, "server-pw", Set.of());
        assertThat(fresh).doesNotContainKey("aqms-guntung").containsKeys("aqms-loktuan", "call112", BrokerAccess.ALARMS,
                "pantau-alarms-siren");
        try (Mosquitto written = new Mosquitto().dynsec(dir.resolve(BrokerAccess.FILE)).start()) {
            for (String[] login : List.of(new String[] {"aqms-loktuan", fresh.get("aqms-loktuan")},
                    new String[] {"aqms-guntung", "guntung-old"}, new String[] {"call112", fresh.get("call112")},
                    new String[] {BrokerAccess.ALARMS, fresh.get(BrokerAccess.ALARMS)},
                    new String[] {"pantau-alarms-siren", fresh.get("pantau-alarms-siren")})) {
                MqttClient c = new MqttClient(written.url(), login[0], new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setUserName(login[0]);
                o.setPassword(login[1].toCharArray());
                c.connect(o);
                c.disconnect();
                c.close();
                MqttClient other = new MqttClient(written.url(), "pantau-store-pantau-1-1", new MemoryPersistence());
                assertThatThrownBy(() -> other.connect(o)).as(login[0] + " as Pantau's session").isInstanceOf(MqttException.class);
                other.close();
            }
            MqttClient pantau = new MqttClient(written.url(), "pantau-store-pantau-1-1", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(BrokerAccess.PANTAU);
            o.setPassword("server-pw".toCharArray());
            pantau.connect(o);
            pantau.disconnect();
            pantau.close();
        }
    }

    @Test
    void verifiesThatTheCommandReadsTheCatalogPantauRunsWith() {
        BrokerAccess.Options o = BrokerAccess.options(new String[] {"--rotate", "aqms-loktuan", "call112"},
                Map.of("PANTAU_CATALOG", "/catalog/bontang.yaml"));
        assertThat(o.catalogFile()).isEqualTo("/catalog/bontang.yaml");
        assertThat(o.rotate()).containsExactlyInAnyOrder("aqms-loktuan", "call112");
        assertThat(o.dir()).isEqualTo(Path.of("mosquitto"));
        assertThat(BrokerAccess.options(new String[] {"--catalog", "other.yaml", "--dir", "/m"}, Map.of("PANTAU_CATALOG", "x")))
                .isEqualTo(new BrokerAccess.Options("other.yaml", Path.of("/m"), Set.of(), List.of()));
        assertThat(BrokerAccess.options(new String[0], Map.of("PANTAU_ALARM_FOLLOWERS", " siren, dispatch-112,,siren")).followers())
                .containsExactly("siren", "dispatch-112");
        assertThatThrownBy(() -> BrokerAccess.options(new String[0], Map.of("PANTAU_ALARM_FOLLOWERS", "Siren Utara")))
                .hasMessageContaining("PANTAU_ALARM_FOLLOWERS: 'Siren Utara' must match");
        assertThat(BrokerAccess.options(new String[0], Map.of("PANTAU_CATALOG", " ")).catalogFile()).as("the built-in one").isNull();
        assertThat(BrokerAccess.options(new String[] {"--rotat", "x"}, Map.of())).isNull();
    }
}
