package id.bontang.pantau.broker;

import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * The durable path's source, a SmallRye Reactive Messaging connector ({@value #CONNECTOR}) over Paho:
 * persistent sessions (fixed client ids, clean session off) with QoS 1 subscriptions: by default plain ones to
 * the catalog's topics, split between the sessions and instances ({@link DurablePartition}), which the broker
 * keeps across its own restarts. Each MQTT message becomes a {@code Message<Delivery>} whose ack is the PUBACK
 * ({@code messageArrivedComplete}) and whose nack withholds it, so that the broker delivers it again after a
 * reconnection. The durable pipeline ({@code ingest/DurablePipeline}) acknowledges only after commit. A session takes a message only when
 * the pipeline has asked for one: otherwise its Paho thread waits, Paho stops reading, and the broker keeps the
 * rest (memory does not grow with a backlog).
 */
@Startup
@ApplicationScoped
@org.eclipse.microprofile.reactive.messaging.spi.Connector(DurableSubscription.CONNECTOR)
@jakarta.enterprise.inject.Default // also injected plainly (DurableHealth)
public class DurableSubscription implements InboundConnector {

    public static final String CONNECTOR = "pantau-durable-mqtt";
    private final Broker broker;
    private final MqttConfig mqtt;
    private final Store store;
    private final Receivers receivers;
    private volatile List<Session> sessions = List.of();
    /** Each session's topic filters, fixed at start-up. */
    private List<List<String>> layout = List.of();

    public static final String SESSIONS = "pantau.store.sessions";
    public static final String REDELIVERIES = "pantau.store.redeliveries";
    public static final String NACKED = "pantau.store.nacked";
    /** At least the broker's max_inflight_messages (mosquitto.conf: 2000): what it may deliver again. */
    private static final int INFLIGHT = 2048;

    private final DurablePartition partition;
    private final MeterRegistry registry;
    private final Counter redeliveries;
    private final Counter nacked;
    private volatile boolean stopped;
    private final Credit credit = new Credit(() -> stopped);
    private volatile MultiEmitter<? super Message<Delivery>> emitter;

    public DurableSubscription(Broker broker, MqttConfig mqtt, Store store, Receivers receivers,
            DurablePartition partition, MeterRegistry registry) {
        this.partition = partition;
        this.registry = registry;
        this.redeliveries = Counter.builder(REDELIVERIES).description("Messages a durable session got again after a "
                + "reconnection while it already had them: acknowledged, not stored or counted again").register(registry);
        this.nacked = Counter.builder(NACKED).description("Durable messages whose handling failed: left unacknowledged "
                + "at the broker, which delivers them again after a reconnection").register(registry);
        this.receivers = receivers;
        this.broker = broker;
        this.mqtt = mqtt;
        this.store = store;
    }

    @PostConstruct
    void start() {
        Gauge.builder(SESSIONS, this, d -> d.subscribedCount()).tag("state", "subscribed")
                .description("Durable sessions connected and subscribed (0 of 0 with persistence off)").register(registry);
        Gauge.builder(SESSIONS, this, d -> d.sessionCount() - d.subscribedCount()).tag("state", "down")
                .description("Durable sessions connected and subscribed (0 of 0 with persistence off)").register(registry);
        if (store.enabled()) {
            layout = partition.sessions();
            receivers.expect(layout.size()); // what the simulator waits for, before the pipeline subscribes
        }
    }

    /** The durable pipeline's source channel: the sessions connect when the pipeline subscribes. */
    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        if (!store.enabled()) {
            return Multi.createFrom().nothing();
        }
        return Multi.createFrom().<Message<Delivery>>emitter(e -> {
            emitter = e;
            // Credit is granted once the emitter has counted the request, so that a session handed a permit emits
            // straight through on its own thread: granted before (an operator downstream), the item waited in the
            // emitter's buffer and was decoded on the writer's thread when it asked for more, which serialised
            // decoding behind every commit (seen in a profile). The writer's first request came before this; one arriving
            // between these two lines is granted twice, which lets at most that many more wait in the buffer.
            e.onRequest(credit::grant);
            credit.grant(e.requested());
            connect();
        }, BackPressureStrategy.BUFFER);
    }

    private void connect() {
        List<List<String>> topics = layout;
        int count = topics.size();
        String instance = mqtt.instance().orElseGet(DurableSubscription::hostName);
        List<Session> created = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            created.add(new Session("store-" + instance + "-" + i, topics.get(i - 1)));
        }
        sessions = List.copyOf(created);
        Log.infof("MQTT: durable subscription (%s) with %d persistent sessions pantau-store-%s-1..%d, %d topic filters "
                + "(QoS 1, acknowledged after commit)", broker.isEmbedded() ? "embedded broker: " + Topics.INPUTS
                        : partition.mode().name().toLowerCase(java.util.Locale.ROOT), count, instance, count,
                topics.stream().mapToInt(List::size).sum());
        sessions.forEach(s -> Connector.connect(s.client, broker.options(false)));
    }

    /** A session that stays away or unsubscribed after a broker restart is taken in hand: its queue must drain. */
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (!stopped) {
            sessions.forEach(Session::check);
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9-]", "-");
        } catch (java.net.UnknownHostException e) {
            return "pantau";
        }
    }

    /** All sessions connected and subscribed (each renews its subscriptions on every connection). */
    public boolean isConnected() {
        return !sessions.isEmpty() && sessions.stream().allMatch(Session::subscribed);
    }

    /** Sessions connected and subscribed now, of {@link #sessionCount()}. */
    public long subscribedCount() {
        return sessions.stream().filter(Session::subscribed).count();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** All sessions at once: what they received and did not acknowledge is redelivered at the next start. */
    @PreDestroy
    void stop() {
        stopped = true;
        Connector.closeAll(sessions.stream().map(s -> s.client).toList());
    }

    /** One persistent session. */
    private final class Session implements MqttCallbackExtended {

        /** Replaced by {@link #check()} when Paho's own reconnection stalls. */
        volatile MqttAsyncClient client;
        private final String role;
        private final String[] topics;
        private volatile boolean subscribed;
        /** When the session last connected or was lost. */
        private volatile long since = System.currentTimeMillis();
        private final Deliveries deliveries = new Deliveries(INFLIGHT);
        /** Changes with every connection: an acknowledgement belongs to the connection its message came on. */
        private final AtomicInteger connection = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicBoolean subscribedOnce = new java.util.concurrent.atomic.AtomicBoolean();

        Session(String role, List<String> topics) {
            this.role = role;
            this.topics = topics.toArray(String[]::new);
            this.client = newClient();
        }

        private MqttAsyncClient newClient() {
            MqttAsyncClient c = broker.client(role, true);
            c.setManualAcks(true);
            c.setCallback(new MqttCallbackExtended() {
                // Only the session's current client speaks for it. A client it replaced may still reconnect (Paho
                // cannot close one in the middle of connecting) and, under the same client id, would take the
                // session over from the new one, and back: seen in a test run as a session lost every second.
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    if (c == client) {
                        Session.this.connectComplete(reconnect, serverUri);
                    } else {
                        Log.infof("MQTT: a replaced client of %s connected again; closing it", c.getClientId());
                        Infrastructure.getDefaultExecutor().execute(() -> Connector.closeAll(List.of(c))); // not on Paho's own thread
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    if (c == client) {
                        Session.this.connectionLost(cause);
                    }
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    if (c == client) {
                        Session.this.messageArrived(topic, message);
                    } // else unacknowledged: the broker delivers it again to the current client
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            return c;
        }

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
                Connector.connect(client, broker.options(false));
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            connection.incrementAndGet();
            since = System.currentTimeMillis();
            subscribe();
        }

        private void subscribe() {
            try {
                List<String> stale = partition.notMine(List.of(topics));
                if (!stale.isEmpty()) {
                    client.unsubscribe(stale.toArray(String[]::new)); // the broker keeps what a session once held
                }
                int[] qos = new int[topics.length];
                java.util.Arrays.fill(qos, 1);
                client.subscribe(topics, qos, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        subscribed = true;
                        Log.debugf("MQTT: %s subscribed to %d topic filters", client.getClientId(), topics.length);
                        if (subscribedOnce.compareAndSet(false, true)) {
                            receivers.subscribed();
                        } else {
                            Log.infof("MQTT: %s subscribed again after a reconnection", client.getClientId());
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        Log.errorf("MQTT: durable subscription of %s refused: %s", client.getClientId(), e.getMessage());
                    }
                });
            } catch (MqttException e) {
                Log.errorf("MQTT: %s cannot subscribe: %s", client.getClientId(), e.getMessage());
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
                    redeliveries.increment();
                    original.thenRun(() -> acknowledge(message, on));
                    return;
                }
                if (!credit.take(client::isConnected)) {
                    return; // not taken: unacknowledged, delivered again after the reconnection
                }
                CompletableFuture<Void> acked = new CompletableFuture<>();
                deliveries.taken(message.getId(), identity, acked);
                emitter.emit(Message.of(new Delivery(topic, payload, identity, Instant.now(), message.isRetained()), () -> {
                    acknowledge(message, on);
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                }, e -> {
                    nacked.increment();
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
}
