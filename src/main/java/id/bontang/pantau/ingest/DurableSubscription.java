package id.bontang.pantau.ingest;

import id.bontang.pantau.broker.Broker;
import id.bontang.pantau.broker.Connector;
import id.bontang.pantau.broker.MqttConfig;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.BatchWriter;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.store.StoredRejection;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * The durable path: persistent sessions (fixed client ids, clean session off) with a QoS 1 shared
 * subscription, {@code $share/pantau-store/pantau/v1/#}, in which the sessions of every instance split the
 * storage work. A message is acknowledged only after the batch holding its readings has committed; until
 * then the broker keeps it, and redelivers it if Pantau goes away. Readings also go to the tiles, which drop
 * those the live path already brought: this is how readings published while Pantau was down reach the wall.
 */
@Startup
@Singleton
public class DurableSubscription {

    private final Broker broker;
    private final MqttConfig mqtt;
    private final Ingest ingest;
    private final Store store;
    private final BatchWriter writer;
    private final Receivers receivers;
    private final List<Session> sessions = new ArrayList<>();

    public DurableSubscription(Broker broker, MqttConfig mqtt, Ingest ingest, Store store, BatchWriter writer,
            Receivers receivers) {
        this.receivers = receivers;
        this.broker = broker;
        this.mqtt = mqtt;
        this.ingest = ingest;
        this.store = store;
        this.writer = writer;
    }

    @PostConstruct
    void start() {
        if (!store.enabled()) {
            return;
        }
        // Moquette does not know $share for MQTT 3.1.1 clients; with the embedded broker one session does it all.
        String topic = broker.isEmbedded() ? Topic.ALL : "$share/" + mqtt.sharedGroup() + "/" + Topic.ALL;
        int count = broker.isEmbedded() ? 1 : Math.max(1, mqtt.durableConnections());
        String instance = mqtt.instance().orElseGet(DurableSubscription::hostName);
        receivers.expect(count);
        for (int i = 1; i <= count; i++) {
            sessions.add(new Session(broker.client("store-" + instance + "-" + i, true), topic));
        }
        Log.infof("MQTT: durable subscription %s with %d persistent sessions pantau-store-%s-1..%d (QoS 1, acknowledged "
                + "after commit)", topic, count, instance, count);
        sessions.forEach(s -> Connector.connect(s.client, broker.options(false)));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9-]", "-");
        } catch (java.net.UnknownHostException e) {
            return "pantau";
        }
    }

    /** All sessions connected (each renews its subscription on every connection). */
    public boolean isConnected() {
        return !sessions.isEmpty() && sessions.stream().allMatch(s -> s.client.isConnected());
    }

    /** All sessions at once: what they received and did not acknowledge is redelivered at the next start. */
    @PreDestroy
    void stop() {
        Connector.closeAll(sessions.stream().map(s -> s.client).toList());
    }

    /** One persistent session of the shared group. */
    private final class Session implements MqttCallbackExtended {

        final MqttAsyncClient client;
        private final String topic;
        /** Changes with every connection: an acknowledgement belongs to the connection its message came on. */
        private final AtomicInteger connection = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicBoolean subscribedOnce = new java.util.concurrent.atomic.AtomicBoolean();

        Session(MqttAsyncClient client, String topic) {
            this.client = client;
            this.topic = topic;
            client.setManualAcks(true);
            client.setCallback(this);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            connection.incrementAndGet();
            try {
                client.subscribe(topic, 1, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        Log.debugf("MQTT: %s subscribed to %s", client.getClientId(), topic);
                        if (subscribedOnce.compareAndSet(false, true)) {
                            receivers.subscribed();
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        Log.errorf("MQTT: durable subscription to %s refused: %s", topic, e.getMessage());
                    }
                });
            } catch (MqttException e) {
                Log.errorf("MQTT: cannot subscribe to %s: %s", topic, e.getMessage());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            connection.incrementAndGet();
            Log.warnf("MQTT: %s lost (%s); unacknowledged messages will be redelivered", client.getClientId(),
                    cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            int on = connection.get();
            try {
                Instant now = Instant.now();
                byte[] payload = message.getPayload();
                List<StoredRejection> rejected = new ArrayList<>(0);
                List<Reading> readings = ingest.durable(topic, payload, now,
                        (source, r) -> rejected.add(ingest.stored(now, topic, source, r, payload)));
                writer.submit(readings, rejected).thenRun(() -> acknowledge(message, on));
            } catch (RuntimeException e) {
                Log.errorf(e, "Unexpected failure on a durable message of %s; it stays unacknowledged", topic);
            }
        }

        private void acknowledge(MqttMessage message, int on) {
            // Acknowledging on a later connection could acknowledge another message that reuses the id;
            // the broker redelivers this one instead, and storing it again changes nothing.
            if (on != connection.get() || message.getQos() == 0) {
                return;
            }
            try {
                client.messageArrivedComplete(message.getId(), message.getQos());
            } catch (MqttException e) {
                Log.debugf("MQTT: acknowledgement of message %d not sent: %s", message.getId(), e.getMessage());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
