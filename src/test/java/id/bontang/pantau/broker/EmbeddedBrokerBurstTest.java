package id.bontang.pantau.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.Configs;
import id.bontang.pantau.support.Mosquitto;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
     * writable, which at QoS 0 makes Moquette drop deliveries. 4,000 messages of 4 KB are more than the sockets'
     * buffers hold.
     */
    @Test
    void verifiesThatOnTheEmbeddedBrokerASubscriberThatFallsBehindLosesNoMessage() throws Exception {
        Broker broker = new Broker(Configs.of(MqttConfig.class,
                Map.of("pantau.mqtt.embedded.port", Integer.toString(Mosquitto.freePort()))));
        broker.start();
        MqttAsyncClient live = broker.client("live-test", false);
        try {
            CountDownLatch reading = new CountDownLatch(1);
            AtomicInteger received = new AtomicInteger();
            live.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
                    reading.await(60, TimeUnit.SECONDS); // the subscriber is behind until the burst is in
                    received.incrementAndGet();
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            live.connect(broker.options(true)).waitForCompletion(10_000);
            live.subscribe("pantau/v1/#", broker.liveQos()).waitForCompletion(10_000);
            String payload = "{\"values\":{\"vehicles\":1},\"note\":\"" + "x".repeat(4_000) + "\"}";
            try (BulkPublisher sensors = new BulkPublisher(broker.url())) {
                for (int i = 0; i < MESSAGES; i++) {
                    sensors.publish("pantau/v1/devices/trf-ahmad-yani/telemetry", payload);
                }
            } // the broker has acknowledged every one
            reading.countDown();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received.get()).isEqualTo(MESSAGES));
        } finally {
            live.disconnectForcibly(1000);
            live.close();
            broker.stop();
        }
    }
}
