package id.bontang.pantau.broker;

import id.bontang.pantau.store.Store;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.LiveCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The durable path's source, a SmallRye Reactive Messaging connector ({@value #CONNECTOR}) over Paho:
 * persistent sessions ({@link DurableSession}: fixed client ids, clean session off) with QoS 1 subscriptions: by
 * default plain ones to the catalog's topics, split between the sessions and instances ({@link DurablePartition}),
 * which the broker keeps across its own restarts. Each MQTT message becomes a {@code Message<Delivery>} whose ack
 * is the PUBACK and whose nack withholds it. The durable pipeline ({@code ingest/DurablePipeline}) acknowledges
 * only after commit, and a session takes a message only when the pipeline has asked for one ({@link Credit}).
 * A session that stalls after a broker restart is taken in hand by {@link SessionWatchdog}.
 */
@Startup
@ApplicationScoped
@org.eclipse.microprofile.reactive.messaging.spi.Connector(DurableSubscription.CONNECTOR)
@jakarta.enterprise.inject.Default // also injected plainly (DurableHealth)
public class DurableSubscription implements InboundConnector {

    public static final String CONNECTOR = "pantau-durable-mqtt";
    public static final String SESSIONS = "pantau.store.sessions";
    public static final String REDELIVERIES = "pantau.store.redeliveries";
    public static final String NACKED = "pantau.store.nacked";

    private final Broker broker;
    private final MqttConfig mqtt;
    private final Store store;
    private final Receivers receivers;
    private final DurablePartition partition;
    private final MeterRegistry registry;
    private final Counter redeliveries;
    private final Counter nacked;
    private volatile boolean stopped;
    private final Credit credit = new Credit(() -> stopped);
    private volatile List<DurableSession> sessions = List.of();
    /** Each session's topic filters, fixed at start-up. */
    private List<List<String>> layout = List.of();

    public DurableSubscription(Broker broker, MqttConfig mqtt, Store store, Receivers receivers,
            DurablePartition partition, MeterRegistry registry, LiveCatalog catalog) {
        this.partition = partition;
        catalog.listen((before, after, version) -> follow(before, after));
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
            // Credit is granted once the emitter has counted the request, so that a session handed a permit emits
            // straight through on its own thread: granted before (an operator downstream), the item waited in the
            // emitter's buffer and was decoded on the writer's thread when it asked for more, which serialised
            // decoding behind every commit (seen in a profile). The writer's first request came before this; one arriving
            // between these two lines is granted twice, which lets at most that many more wait in the buffer.
            e.onRequest(credit::grant);
            credit.grant(e.requested());
            connect(e);
        }, BackPressureStrategy.BUFFER);
    }

    private synchronized void connect(MultiEmitter<? super Message<Delivery>> emitter) {
        List<List<String>> topics = layout;
        int count = topics.size();
        String instance = mqtt.instance().orElseGet(DurableSubscription::hostName);
        DurableSession.Shared shared = new DurableSession.Shared(broker, partition, receivers, credit, emitter,
                redeliveries, nacked);
        List<DurableSession> created = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            created.add(new DurableSession("store-" + instance + "-" + i, topics.get(i - 1), shared));
        }
        sessions = List.copyOf(created);
        Log.infof("MQTT: durable subscription (%s) with %d persistent sessions pantau-store-%s-1..%d, %d topic filters "
                + "(QoS 1, acknowledged after commit)", broker.isEmbedded() ? "embedded broker: " + Topics.INPUTS
                        : partition.mode().name().toLowerCase(java.util.Locale.ROOT), count, instance, count,
                topics.stream().mapToInt(List::size).sum());
        sessions.forEach(DurableSession::connect);
    }

    /** In partitioned mode, a new device's topics land in exactly one session; a removed one's leave. */
    private void follow(Catalog before, Catalog after) {
        partition.follow(before, after).ifPresent(f -> {
            synchronized (this) {
                List<DurableSession> now = sessions;
                for (int i = 0; i < layout.size(); i++) {
                    List<String> add = f.add().getOrDefault(i, List.of());
                    if (i < now.size()) {
                        now.get(i).follow(add, f.remove());
                    } else { // the sessions are not made yet: they will be from this
                        layout.get(i).removeAll(f.remove());
                        layout.get(i).addAll(add);
                    }
                }
            }
        });
    }

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (!stopped) {
            sessions.forEach(SessionWatchdog::check);
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
        return !sessions.isEmpty() && sessions.stream().allMatch(DurableSession::subscribed);
    }

    /** Sessions connected and subscribed now, of {@link #sessionCount()}. */
    public long subscribedCount() {
        return sessions.stream().filter(DurableSession::subscribed).count();
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** All sessions at once: what they received and did not acknowledge is redelivered at the next start. */
    @PreDestroy
    void stop() {
        stopped = true;
        Connector.closeAll(sessions.stream().map(DurableSession::client).toList());
    }
}
