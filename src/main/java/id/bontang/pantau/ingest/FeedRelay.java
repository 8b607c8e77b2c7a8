package id.bontang.pantau.ingest;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bontang.pantau.broker.Broker;
import id.bontang.pantau.broker.Connector;
import id.bontang.pantau.reading.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Publishes agency records that arrived over HTTP to their feed topic, so that every instance's wall shows
 * them. Each record keeps its time and its {@code id} (Pantau gives one to a record of increments without), so
 * that every instance counts it once, this one included, and storing it again changes nothing. A publish that
 * fails (the broker is away, too many in flight) is retried until the broker takes it, in order: the records
 * are already stored and counted here, so the relay never holds up the HTTP answer.
 */
@Startup
@Singleton
public class FeedRelay {

    private static final JsonMapper JSON = new JsonMapper();

    public static final String PENDING = "pantau.relay.pending";
    public static final String RETRIES = "pantau.relay.retries";
    public static final String DROPPED = "pantau.relay.dropped";

    private record Message(String topic, byte[] payload) {
    }

    private final MqttAsyncClient client;
    /** Bounded: past it, while the broker is away for long, the oldest wait no more (they are stored already). */
    private static final int CAPACITY = 100_000;

    private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Counter dropped;
    private final Counter retries;
    private final Gauge pending;
    private final MeterRegistry registry;
    private final Thread worker;
    private volatile int sending;

    public FeedRelay(Broker broker, MeterRegistry registry) {
        this.registry = registry;
        this.client = broker.client("relay", false);
        Connector.connect(client, broker.options(true));
        this.retries = Counter.builder(RETRIES).description("Relay publishes tried again (the broker was away or busy)")
                .register(registry);
        this.dropped = Counter.builder(DROPPED).description("Relayed requests given up because " + CAPACITY
                + " were waiting (the broker away for long): stored here, not shown by the other instances until they restart")
                .register(registry);
        this.pending = Gauge.builder(PENDING, this, FeedRelay::pending)
                .description("Records posted over HTTP waiting to be relayed to the other instances").register(registry);
        this.worker = new Thread(this::run, "pantau-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues the records of one request for the feed's topic. */
    public void relay(String feed, List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        Message m = new Message(Topic.FEEDS + feed, json(readings).getBytes(StandardCharsets.UTF_8));
        while (!queue.offer(m)) {
            if (queue.poll() != null && dropped.count() == 0) {
                Log.errorf("MQTT: %d relayed requests wait for the broker; the oldest are given up (stored here, shown by "
                        + "the other instances after their restart): pantau_relay_dropped_total", CAPACITY);
            }
            dropped.increment();
        }
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

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Message m = queue.take();
                sending = 1;
                long delay = 100;
                while (!publish(m)) {
                    retries.increment();
                    Thread.sleep(delay); // backoff of the relay's own thread while the broker is away
                    delay = Math.min(delay * 2, 5_000);
                }
                sending = 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int pending() {
        return queue.size() + sending;
    }

    private boolean publish(Message m) {
        try {
            client.publish(m.topic, m.payload, 1, false).waitForCompletion(10_000);
            return true;
        } catch (MqttException e) {
            Log.debugf("MQTT: relay of %s not delivered yet (%s); retrying", m.topic, e.getMessage());
            return false;
        }
    }

    @PreDestroy
    void stop() {
        worker.interrupt();
        registry.remove(pending);
        if (pending() > 0) {
            Log.warnf("MQTT: %d relayed records not delivered at shutdown; they are stored, and the other instances "
                    + "show them after their next start", pending());
        }
        Connector.closeAll(List.of(client));
    }
}
