package id.bontang.pantau.broker;

import id.bontang.pantau.reading.Identity;
import io.micrometer.core.instrument.Counter;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * One persistent session of the durable subscription: its QoS 1 subscriptions, renewed on every connection, and
 * the messages it takes. Each becomes a {@code Message<Delivery>} once the pipeline has asked for one
 * ({@link Credit}); its ack is the PUBACK, on the connection it came on, and its nack withholds it, so that the
 * broker delivers it again after a reconnection.
 */
final class DurableSession implements MqttCallbackExtended {

    /** What the sessions of one subscription share. */
    record Shared(Broker broker, DurablePartition partition, Receivers receivers, Credit credit,
            MultiEmitter<? super Message<Delivery>> emitter, Counter redeliveries, Counter nacked) {
    }

    /** At least the broker's max_inflight_messages (mosquitto.conf: 2000): what it may deliver again. */
    private static final int INFLIGHT = 2048;

    private final Shared shared;
    private final String role;
    /** Replaced by {@link #check()} when Paho's own reconnection stalls. */
    private volatile MqttAsyncClient client;
    private final String[] topics;
    private volatile boolean subscribed;
    /** When the session last connected or was lost. */
    private volatile long since = System.currentTimeMillis();
    private final Deliveries deliveries = new Deliveries(INFLIGHT);
    /** Changes with every connection: an acknowledgement belongs to the connection its message came on. */
    private final AtomicInteger connection = new AtomicInteger();
    private final AtomicBoolean subscribedOnce = new AtomicBoolean();

    DurableSession(String role, List<String> topics, Shared shared) {
        this.shared = shared;
        this.topics = topics.toArray(String[]::new);
        this.role = role;
        this.client = newClient();
    }

    private MqttAsyncClient newClient() {
        MqttAsyncClient c = shared.broker().client(role, true);
        c.setManualAcks(true);
        c.setCallback(new MqttCallbackExtended() {
            // Only the session's current client speaks for it. A client it replaced may still reconnect (Paho
            // cannot close one in the middle of connecting) and, under the same client id, would take the
            // session over from the new one, and back: seen in a test run as a session lost every second.
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                if (c == client) {
                    DurableSession.this.connectComplete(reconnect, serverUri);
                } else {
                    Log.infof("MQTT: a replaced client of %s connected again; closing it", c.getClientId());
                    Infrastructure.getDefaultExecutor().execute(() -> Connector.closeAll(List.of(c))); // not on Paho's own thread
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                if (c == client) {
                    DurableSession.this.connectionLost(cause);
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                if (c == client) {
                    DurableSession.this.messageArrived(topic, message);
                } // else unacknowledged: the broker delivers it again to the current client
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        return c;
    }

    void connect() {
        Connector.connect(client, shared.broker().options(false));
    }

    MqttAsyncClient client() {
        return client;
    }

    /** Connected and subscribed. */
    boolean subscribed() {
        return subscribed && client.isConnected();
    }

    /**
     * Every few seconds: a session connected but not subscribed for 5 s subscribes again; one away for 10 s
     * gets a new client under the same id, which finds its session at the broker. Seen in test runs after a
     * broker restart: one of 32 Paho clients never connected again (its own reconnection stalled, and
     * {@code reconnect()} did nothing), and its queue waited.
     */
    void check() {
        long now = System.currentTimeMillis();
        MqttAsyncClient c = client;
        if (c.isConnected() && !subscribed && now - since > 5_000) {
            Log.warnf("MQTT: %s connected %d s ago and still not subscribed; subscribing again", c.getClientId(),
                    (now - since) / 1000);
            since = now;
            subscribe();
        } else if (!c.isConnected() && subscribedOnce.get() && now - since > 10_000) {
            Log.warnf("MQTT: %s away for %d s; connecting again with a new client", c.getClientId(), (now - since) / 1000);
            since = now;
            connection.incrementAndGet(); // what the old client took is acknowledged by nobody: the broker redelivers it
            Connector.closeAll(List.of(c));
            client = newClient();
            connect();
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        connection.incrementAndGet();
        since = System.currentTimeMillis();
        subscribe();
    }

    private void subscribe() {
        MqttAsyncClient c = client;
        try {
            List<String> stale = shared.partition().notMine(List.of(topics));
            if (!stale.isEmpty()) {
                c.unsubscribe(stale.toArray(String[]::new)); // the broker keeps what a session once held
            }
            int[] qos = new int[topics.length];
            Arrays.fill(qos, 1);
            c.subscribe(topics, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    subscribed = true;
                    Log.debugf("MQTT: %s subscribed to %d topic filters", c.getClientId(), topics.length);
                    if (subscribedOnce.compareAndSet(false, true)) {
                        shared.receivers().subscribed();
                    } else {
                        Log.infof("MQTT: %s subscribed again after a reconnection", c.getClientId());
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    Log.errorf("MQTT: durable subscription of %s refused: %s", c.getClientId(), e.getMessage());
                }
            });
        } catch (MqttException e) {
            Log.errorf("MQTT: %s cannot subscribe: %s", c.getClientId(), e.getMessage());
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        subscribed = false;
        since = System.currentTimeMillis();
        connection.incrementAndGet();
        Log.warnf("MQTT: %s lost (%s); unacknowledged messages will be redelivered", client.getClientId(),
                cause.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        int on = connection.get();
        try {
            byte[] payload = message.getPayload();
            long identity = Identity.message(topic, payload);
            CompletableFuture<Void> original = message.isDuplicate() ? deliveries.same(message.getId(), identity) : null;
            if (original != null) {
                shared.redeliveries().increment();
                original.thenRun(() -> acknowledge(message, on));
                return;
            }
            if (!shared.credit().take(client::isConnected)) {
                return; // not taken: unacknowledged, delivered again after the reconnection
            }
            CompletableFuture<Void> acked = new CompletableFuture<>();
            deliveries.taken(message.getId(), identity, acked);
            shared.emitter().emit(Message.of(new Delivery(topic, payload, identity, Instant.now(), message.isRetained()), () -> {
                acknowledge(message, on);
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }, e -> {
                shared.nacked().increment();
                acked.completeExceptionally(e);
                Log.errorf(e, "Durable message %d of %s not handled; it stays unacknowledged", message.getId(), topic);
                return CompletableFuture.completedFuture(null);
            }));
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
