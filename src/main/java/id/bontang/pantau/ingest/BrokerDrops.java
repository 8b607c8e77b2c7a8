package id.bontang.pantau.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the broker's own count of messages it dropped ({@code $SYS/broker/publish/messages/dropped}, which
 * Mosquitto publishes every {@code sys_interval}). A broker configured with Mosquitto's defaults drops a
 * persistent session's backlog past 1000 queued messages without telling anyone; Pantau tells.
 */
@Singleton
public class BrokerDrops {

    public static final String TOPIC = "$SYS/broker/publish/messages/dropped";
    public static final String DROPPED = "pantau.broker.dropped.messages";

    private final AtomicLong first = new AtomicLong(-1);
    private final AtomicLong dropped = new AtomicLong();
    private final MeterRegistry registry;
    private final Gauge gauge;

    public BrokerDrops(MeterRegistry registry) {
        this.registry = registry;
        this.gauge = Gauge.builder(DROPPED, dropped, AtomicLong::get)
                .description("Messages the broker reports it dropped (queue or in-flight limits) since Pantau started")
                .register(registry);
    }

    /** A gauge holds this object: another application in the same JVM (tests) must register its own. */
    @PreDestroy
    void unregister() {
        registry.remove(gauge);
    }

    void update(byte[] payload) {
        long total;
        try {
            total = Long.parseLong(new String(payload, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (first.compareAndSet(-1, total)) {
            return;
        }
        long since = total - first.get();
        long before = dropped.getAndSet(since);
        if (since > before) {
            Log.errorf("MQTT: the broker has dropped %d messages since Pantau started (%d in the last interval): some "
                    + "readings were lost before reaching Pantau. Raise max_queued_messages and max_inflight_messages "
                    + "(mosquitto/mosquitto.conf, docs/operations.md).", since, since - before);
        }
    }

    public long dropped() {
        return dropped.get();
    }
}
