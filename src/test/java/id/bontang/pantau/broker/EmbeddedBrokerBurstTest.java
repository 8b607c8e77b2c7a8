package id.bontang.pantau.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.Configs;
import id.bontang.pantau.support.Mosquitto;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;

/** The live subscription's QoS on the embedded broker (Moquette), where it may be the only path a reading has. */
class EmbeddedBrokerBurstTest {

    private static final int MESSAGES = 4_000;

    /**
     * A subscriber that stops reading (a full GC, a busy core) while a burst arrives: its connection stops being
     * writable, which at QoS 0 makes Moquette drop deliveries (1,019 of these 4,000 arrived so). 4,000 messages of
     * 4 KB are more than the sockets' buffers hold. At QoS 1 a message may come twice (Moquette sends again what waits
     * unacknowledged for 5 s), so what counts is that each arrives.
     */
    @Test
    void verifiesThatOnTheEmbeddedBrokerASubscriberThatFallsBehindLosesNoMessage() throws Exception {
        Broker broker = new Broker(Configs.of(MqttConfig.class,
                Map.of("pantau.mqtt.embedded.port", Integer.toString(Mosquitto.freePort()))));
        broker.start();
        MqttAsyncClient live = broker.client("live-test", false);
        try {
            CountDownLatch reading = new CountDownLatch(1);
            Set<String> received = ConcurrentHashMap.newKeySet();
            live.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
                    reading.await(60, TimeUnit.SECONDS); // the subscriber is behind until the burst is in
                    String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                    received.add(payload.substring(0, payload.indexOf(',')));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            live.connect(broker.options(true)).waitForCompletion(10_000);
            live.subscribe("pantau/v1/#", broker.liveQos()).waitForCompletion(10_000);
            String note = "x".repeat(4_000);
            try (BulkPublisher sensors = new BulkPublisher(broker.url())) {
                for (int i = 0; i < MESSAGES; i++) {
                    sensors.publish("pantau/v1/devices/trf-ahmad-yani/telemetry",
                            "{\"n\":" + i + ",\"values\":{\"vehicles\":1},\"note\":\"" + note + "\"}");
                }
            } finally { // the broker has acknowledged every one
                reading.countDown();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received).hasSize(MESSAGES));
        } finally {
            live.disconnectForcibly(1000);
            live.close();
            broker.stop();
        }
    }
}
