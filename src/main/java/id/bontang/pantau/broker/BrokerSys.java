package id.bontang.pantau.broker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the broker says about itself in {@code $SYS} (Mosquitto publishes it every {@code sys_interval},
 * retained): how many messages it dropped, and how many it holds.
 * <ul>
 * <li>Dropped: a broker configured with Mosquitto's defaults drops a persistent session's backlog past 1000
 * queued messages without telling anyone; Pantau tells. The count is the broker's since the broker started,
 * not since Pantau did: the drops that matter most happen while Pantau is away, and the first value Pantau
 * receives already holds them.</li>
 * <li>Held: the messages in the broker's store, that is the backlog queued for Pantau's durable sessions
 * (while Pantau or its database is away) plus the retained ones (device statuses).</li>
 * </ul>
 * Moquette publishes no {@code $SYS}: with the embedded broker both stay 0.
 */
@Singleton
public class BrokerSys {

    public static final String DROPPED_TOPIC = "$SYS/broker/publish/messages/dropped";
    public static final String STORED_TOPIC = "$SYS/broker/store/messages/count";
    public static final List<String> TOPICS = List.of(DROPPED_TOPIC, STORED_TOPIC);
    public static final String DROPPED = "pantau.broker.dropped.messages";
    public static final String STORED = "pantau.broker.stored.messages";

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();

    public BrokerSys(MeterRegistry registry) {
        Gauge.builder(DROPPED, dropped, AtomicLong::get)
                .description("Messages the broker reports it dropped (queue or in-flight limits) since the broker started")
                .register(registry);
        Gauge.builder(STORED, stored, AtomicLong::get)
                .description("Messages the broker holds: queued for durable sessions, and retained").register(registry);
    }

    void update(String topic, byte[] payload) {
        long value;
        try {
            value = Long.parseLong(new String(payload, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (topic.equals(STORED_TOPIC)) {
            stored.set(value);
            return;
        }
        if (!topic.equals(DROPPED_TOPIC)) {
            return;
        }
        long before = dropped.getAndSet(value);
        if (value > before) {
            Log.errorf("MQTT: the broker has dropped %d messages since it started (%d since Pantau last looked): some "
                    + "readings were lost before reaching Pantau. Raise max_queued_messages and max_queued_bytes "
                    + "(mosquitto/mosquitto.conf, docs/operations.md).", value, value - before);
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long stored() {
        return stored.get();
    }
}
