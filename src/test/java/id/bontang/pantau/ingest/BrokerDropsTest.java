package id.bontang.pantau.ingest;

import id.bontang.pantau.broker.BrokerSys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Metrics;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** A broker that drops messages (its queue is too small) is reported, not silently trusted. */
@QuarkusTest
@WithTestResource(BrokerDropsTest.SmallQueue.class)
class BrokerDropsTest {

    /** Mosquitto with our configuration, but a queue of 10 messages per session and $SYS every second. */
    public static class SmallQueue implements QuarkusTestResourceLifecycleManager {
        static Mosquitto broker;

        @Override
        public Map<String, String> start() {
            broker = new Mosquitto().with("max_queued_messages 10", "sys_interval 1").start();
            return broker.pantauConfig();
        }

        @Override
        public void stop() {
            broker.stop();
        }
    }

    private static MqttConnectOptions tester() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(Mosquitto.TESTER);
        o.setPassword(Mosquitto.TESTER_PASSWORD.toCharArray());
        return o;
    }

    @Test
    void verifiesThatMessagesTheBrokerDropsAreCountedAndReported() throws Exception {
        Ready.await();
        // Wait for the broker's first count (retained), so that Pantau has seen the broker report.
        MqttClient watcher = new MqttClient(SmallQueue.broker.url(), "watcher", new MemoryPersistence());
        watcher.setTimeToWait(30_000);
        watcher.connect(tester());
        java.util.concurrent.atomic.AtomicBoolean published = new java.util.concurrent.atomic.AtomicBoolean();
        watcher.subscribe(BrokerSys.DROPPED_TOPIC, 0, (topic, message) -> published.set(true));
        await().atMost(Duration.ofSeconds(10)).untilTrue(published);
        watcher.disconnect();
        watcher.close();
        // A persistent session that is away, with a queue of 10: most of what follows is dropped by the broker.
        MqttClient away = new MqttClient(SmallQueue.broker.url(), "away", new MemoryPersistence());
        away.setTimeToWait(30_000);
        MqttConnectOptions o = tester();
        o.setCleanSession(false);
        away.connect(o);
        away.subscribe("pantau/v1/feeds/#", 1);
        away.disconnect();
        away.close();
        try (Publisher app = new Publisher(SmallQueue.broker.url())) {
            for (int i = 0; i < 50; i++) {
                app.publish("pantau/v1/feeds/pdam", "{\"values\": {\"outages\": 0}}".getBytes(StandardCharsets.UTF_8), 1);
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.value("pantau_broker_dropped_messages") >= 40);
        assertThat(Metrics.value("pantau_broker_dropped_messages")).isLessThanOrEqualTo(50);
        // The ten the away session could keep are held by the broker, and said to be.
        await().atMost(Duration.ofSeconds(15)).until(() -> Metrics.value("pantau_broker_stored_messages") >= 10);
    }
}
