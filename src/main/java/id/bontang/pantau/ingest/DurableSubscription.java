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
 * The durable path: a persistent session (fixed client id, clean session off) with a QoS 1 shared
 * subscription, {@code $share/pantau-store/pantau/v1/#}, so that several instances split the storage work.
 * A message is acknowledged only after the batch holding its readings has committed; until then the broker
 * keeps it, and redelivers it if Pantau goes away. Readings also go to the tiles, which drop those the live
 * path already brought: this is how readings published while Pantau was down reach the wall.
 */
@Startup
@Singleton
public class DurableSubscription implements MqttCallbackExtended {

    private final Broker broker;
    private final MqttConfig mqtt;
    private final Ingest ingest;
    private final Store store;
    private final BatchWriter writer;
    /** Changes with every connection: an acknowledgement belongs to the connection its message came on. */
    private final AtomicInteger connection = new AtomicInteger();
    private MqttAsyncClient client;
    private String topic;

    public DurableSubscription(Broker broker, MqttConfig mqtt, Ingest ingest, Store store, BatchWriter writer) {
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
        // Moquette does not know $share for MQTT 3.1.1 clients; the embedded broker serves one instance anyway.
        topic = broker.isEmbedded() ? Topic.ALL : "$share/" + mqtt.sharedGroup() + "/" + Topic.ALL;
        client = broker.client("store-" + mqtt.instance().orElseGet(DurableSubscription::hostName), true);
        client.setManualAcks(true);
        client.setCallback(this);
        Log.infof("MQTT: durable subscription %s as %s (persistent session, QoS 1, acknowledged after commit)", topic,
                client.getClientId());
        Connector.connect(client, broker.options(false));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9-]", "-");
        } catch (java.net.UnknownHostException e) {
            return "pantau";
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        connection.incrementAndGet();
        try {
            client.subscribe(topic, 1, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    Log.debugf("MQTT: durable subscription to %s active", topic);
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
        Log.warnf("MQTT: durable connection lost (%s); unacknowledged messages will be redelivered", cause.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        int on = connection.get();
        try {
            Instant now = Instant.now();
            byte[] payload = message.getPayload();
            List<StoredRejection> rejected = new ArrayList<>(0);
            List<Reading> readings = ingest.readings(topic, payload, now,
                    (source, r) -> rejected.add(ingest.stored(now, topic, source, r, payload)));
            ingest.applyDurable(readings);
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

    /** Connected (the subscription is renewed on every connection). */
    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    @PreDestroy
    void stop() {
        if (client == null) {
            return;
        }
        try {
            client.disconnectForcibly(0, 1000, true);
            client.close(true);
        } catch (MqttException e) {
            Log.debugf("MQTT: durable client close: %s", e.getMessage());
        }
    }
}
