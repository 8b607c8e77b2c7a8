package id.bontang.pantau.broker;

import id.bontang.pantau.reading.Identity;
import io.micrometer.core.instrument.Counter;
import io.quarkus.logging.Log;
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
    private final SessionClient client;
    /** Changed when a catalog change adds or removes a source of this session (partitioned mode). */
    private volatile String[] topics;
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
        this.client = new SessionClient(shared.broker(), role, this);
    }

    void connect() {
        client.connect();
    }

    /**
     * Follows a catalog change: subscribes to the added filters and drops the removed ones, on the connection now when
     * there is one; every later connection subscribes the new list.
     */
    synchronized void follow(List<String> add, List<String> remove) {
        List<String> next = new java.util.ArrayList<>(List.of(topics));
        List<String> dropped = next.stream().filter(remove::contains).toList();
        next.removeAll(remove);
        List<String> added = add.stream().filter(f -> !next.contains(f)).toList();
        next.addAll(added);
        topics = next.toArray(String[]::new);
        MqttAsyncClient c = client.get();
        if (!c.isConnected() || added.isEmpty() && dropped.isEmpty()) {
            return; // nothing of this session's changed: say nothing (a change touches one session of 32)
        }
        try {
            if (!dropped.isEmpty()) {
                c.unsubscribe(dropped.toArray(String[]::new));
            }
            if (!added.isEmpty()) {
                int[] qos = new int[added.size()];
                Arrays.fill(qos, 1);
                c.subscribe(added.toArray(String[]::new), qos);
            }
            Log.infof("MQTT: %s now subscribes %d topic filters (%d added, %d dropped by the catalog)", c.getClientId(),
                    next.size(), added.size(), dropped.size());
        } catch (MqttException e) {
            Log.warnf("MQTT: %s could not follow the catalog (%s); it does at its next connection", c.getClientId(),
                    e.getMessage());
        }
    }

    MqttAsyncClient client() {
        return client.get();
    }

    /** Connected and subscribed. */
    boolean subscribed() {
        return subscribed && client.get().isConnected();
    }

    /** The broker confirmed the subscriptions since the connection was last lost. */
    boolean confirmed() {
        return subscribed;
    }

    boolean subscribedOnce() {
        return subscribedOnce.get();
    }

    /** When the session last connected or was lost, or the watchdog last acted on it. */
    long since() {
        return since;
    }

    /** The watchdog's first remedy: the subscriptions again, on the same connection. */
    void resubscribe(long now) {
        since = now;
        subscribe();
    }

    /** The watchdog's second remedy: a new client under the same id. */
    void replaceClient(long now) {
        since = now;
        connection.incrementAndGet(); // what the old client took is acknowledged by nobody: the broker redelivers it
        client.replace();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        connection.incrementAndGet();
        since = System.currentTimeMillis();
        subscribe();
    }

    private void subscribe() {
        MqttAsyncClient c = client.get();
        String[] topics = this.topics;
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
        Log.warnf("MQTT: %s lost (%s); unacknowledged messages will be redelivered", client.get().getClientId(),
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
            if (!shared.credit().take(client.get()::isConnected)) {
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
            client.get().messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            Log.debugf("MQTT: acknowledgement of message %d not sent: %s", message.getId(), e.getMessage());
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }
}
