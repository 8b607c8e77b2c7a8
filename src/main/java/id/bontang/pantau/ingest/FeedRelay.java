package id.bontang.pantau.ingest;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bontang.pantau.broker.OutgoingMqtt;
import id.bontang.pantau.broker.OutgoingMqtt.Confirmed;
import id.bontang.pantau.broker.OutgoingMqtt.Destination;
import id.bontang.pantau.reading.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes agency records that arrived over HTTP to their feed topic, so that every instance's wall shows
 * them. Each record keeps its time and its {@code id} (Pantau gives one to a record of increments without), so
 * that every instance counts it once, this one included, and storing it again changes nothing. The records go out
 * on the {@value #CHANNEL} channel ({@link OutgoingMqtt}, as the alarms do), {@link Confirmed}: a publish the broker
 * has not taken (it is away, too many in flight) is tried again until it does, in order. The records are already
 * stored and counted here, so the relay never holds up the HTTP answer.
 */
@ApplicationScoped
public class FeedRelay {

    static final String CHANNEL = "feeds-out";
    private static final JsonMapper JSON = new JsonMapper();

    public static final String PENDING = "pantau.relay.pending";
    public static final String RETRIES = "pantau.relay.retries";
    public static final String DROPPED = "pantau.relay.dropped";

    /** Bounded: past it, while the broker is away for long, the oldest wait no more (they are stored already). */
    private static final int CAPACITY = 100_000;

    /** One request's records, until the broker has taken them; given up, it lets go of them. */
    private static final class Relayed implements Supplier<byte[]> {
        private volatile byte[] payload;

        Relayed(byte[] payload) {
            this.payload = payload;
        }

        @Override
        public byte[] get() {
            return payload;
        }
    }

    private final Emitter<Supplier<byte[]>> emitter;
    /** The requests sent and not yet taken by the broker, oldest first. */
    private final ArrayDeque<Relayed> waiting = new ArrayDeque<>();
    private final Counter dropped;
    private final Counter retries;
    private final Confirmed confirmed;

    @Inject
    public FeedRelay(@Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<Supplier<byte[]>> emitter,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.retries = Counter.builder(RETRIES).description("Relay publishes tried again (the broker was away or busy)")
                .register(registry);
        this.dropped = Counter.builder(DROPPED).description("Relayed requests given up because " + CAPACITY
                + " were waiting (the broker away for long): stored here, not shown by the other instances until they restart")
                .register(registry);
        Gauge.builder(PENDING, this, FeedRelay::pending)
                .description("Records posted over HTTP waiting to be relayed to the other instances").register(registry);
        this.confirmed = new Confirmed(retries::increment);
    }

    /** Made at start-up, so that its meters show before the first request; after the channels are connected. */
    void started(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 100) StartupEvent e) {
    }

    /** Sends the records of one request to the feed's topic, after those sent before. */
    public void relay(String feed, List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        send(Topic.FEEDS + feed, json(readings).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends what a connector took over HTTP (a webhook's uplink, a pull feed's answer) as it came, on
     * {@code pantau/v1/connectors/{id}/in/{received, epoch ms}/{origin}}, which every other instance's live subscription reads and
     * translates the same way, records without a time of their own taking the time it was received; or an empty
     * {@code …/heard/{ms}} that says a pull feed answered (its silence is what the feed-silent alarm watches).
     */
    public void relayConnector(String connector, String what, java.time.Instant received, byte[] body) {
        send(Topic.RELAYED_PREFIX + connector + "/" + what + "/" + received.toEpochMilli() + "/" + ORIGIN, body);
    }

    /** This process, in the topic of what it relays: the copy that comes back to it is not taken a second time. */
    public static final String ORIGIN = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

    private void send(String topic, byte[] payload) {
        Relayed r = new Relayed(payload);
        synchronized (this) {
            waiting.addLast(r);
            while (waiting.size() > CAPACITY) {
                waiting.removeFirst().payload = null; // skipped when its turn comes
                if (dropped.count() == 0) {
                    Log.errorf("MQTT: %d relayed requests wait for the broker; the oldest are given up (stored here, shown "
                            + "by the other instances after their restart): pantau_relay_dropped_total", CAPACITY);
                }
                dropped.increment();
            }
            // Sent under the lock: the channel's order is the order of the requests.
            emitter.send(Message.<Supplier<byte[]>>of(r, () -> {
                taken(r);
                return CompletableFuture.completedFuture(null);
            }).addMetadata(new Destination(topic, false)).addMetadata(confirmed));
        }
    }

    private synchronized void taken(Relayed r) {
        waiting.remove(r); // the first, but for one given up meanwhile
    }

    /** The readings as native records, one per time and id (Jackson writes them: ids are an agency's text). */
    static String json(List<Reading> readings) {
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        ArrayNode json = JSON.createArrayNode();
        for (Reading r : readings) {
            ObjectNode record = records.computeIfAbsent(r.time().toEpochMilli() + "/" + r.event(), k -> {
                ObjectNode n = json.addObject().put("ts", r.time().toEpochMilli());
                if (r.event() != null) {
                    n.put("id", r.event());
                }
                n.putObject("values");
                return n;
            });
            ((ObjectNode) record.get("values")).put(r.metric(), r.value());
        }
        return json.toString();
    }

    private synchronized int pending() {
        return waiting.size();
    }

    @PreDestroy
    void stop() {
        int left = pending();
        if (left > 0) {
            Log.warnf("MQTT: %d relayed records not delivered at shutdown; they are stored, and the other instances "
                    + "show them after their next start", left);
        }
    }
}
