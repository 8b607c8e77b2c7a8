package id.bontang.pantau.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/** The ingest counters; names are listed in docs/metrics.md. */
@Singleton
public class IngestMetrics {

    public static final String RECEIVED = "pantau.ingest.received";
    public static final String ACCEPTED = "pantau.ingest.accepted";
    public static final String REJECTED = "pantau.ingest.rejected";
    public static final String RETAINED_SKIPPED = "pantau.ingest.retained.skipped";

    private final Counter mqttReceived;
    private final Counter httpReceived;
    private final Counter accepted;
    private final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
    private final Map<Ingest.Retained, Counter> retainedSkipped = new EnumMap<>(Ingest.Retained.class);

    public IngestMetrics(MeterRegistry registry) {
        mqttReceived = Counter.builder(RECEIVED).description("Messages received (MQTT messages, HTTP requests)")
                .tag("transport", "mqtt").register(registry);
        httpReceived = Counter.builder(RECEIVED).description("Messages received (MQTT messages, HTTP requests)")
                .tag("transport", "http").register(registry);
        accepted = Counter.builder(ACCEPTED).description("Readings (single values) accepted").register(registry);
        // Registered up front so that every reason shows at 0 before its first occurrence.
        for (Reason r : Reason.values()) {
            rejected.put(r, Counter.builder(REJECTED).description("Messages or single values rejected, by reason")
                    .tag("reason", r.code()).register(registry));
        }
        for (Ingest.Retained path : Ingest.Retained.values()) {
            retainedSkipped.put(path, Counter.builder(RETAINED_SKIPPED).description("Values of retained messages sent again "
                    + "on a (re)subscription without a time of their own: not taken as new readings").tag("path",
                            path.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    void retainedSkipped(Ingest.Retained path, int values) {
        if (values > 0) {
            retainedSkipped.get(path).increment(values);
        }
    }

    void received(String transport) {
        ("http".equals(transport) ? httpReceived : mqttReceived).increment();
    }

    void accepted(int readings) {
        accepted.increment(readings);
    }

    void rejected(Reason reason) {
        rejected.get(reason).increment();
    }
}
