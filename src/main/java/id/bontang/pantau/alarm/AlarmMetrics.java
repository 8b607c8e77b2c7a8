package id.bontang.pantau.alarm;

import id.bontang.pantau.catalog.AlarmRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The alarms' meters (docs/metrics.md): open by severity, suppressed, flood, events stored, changes not stored. */
final class AlarmMetrics {

    public static final String OPEN = "pantau.alarms.open";
    public static final String SUPPRESSED = "pantau.alarms.suppressed";
    public static final String EVENTS = "pantau.alarms.events";
    public static final String FLOOD = "pantau.alarms.flood";
    public static final String NOT_STORED = "pantau.alarms.not.stored";

    private final Counter notStored;

    AlarmMetrics(AlarmBook book, MeterRegistry registry) {
        for (int severity = AlarmRule.LOW; severity <= AlarmRule.CRITICAL; severity++) {
            int s = severity;
            Gauge.builder(OPEN, book, b -> b.open().stream().filter(a -> a.annunciated() && a.severity() == s).count())
                    .tag("severity", String.valueOf(s)).description("Open alarms (neither shelved nor out of service) by severity")
                    .register(registry);
        }
        Gauge.builder(SUPPRESSED, book, b -> b.open().stream().filter(a -> !a.annunciated()).count())
                .description("Open alarms shelved or out of service").register(registry);
        Gauge.builder(FLOOD, book, b -> b.flood(Instant.now()).active() ? 1 : 0)
                .description("1 during an alarm flood (more than pantau.alarms.flood-count new alarms in the window)")
                .register(registry);
        Map<String, Counter> events = new HashMap<>();
        for (String kind : List.of(AlarmEvent.RAISED, AlarmEvent.REACTIVATED, AlarmEvent.SEVERITY, AlarmEvent.ACKNOWLEDGED,
                AlarmEvent.COMMENTED, AlarmEvent.SHELVED, AlarmEvent.UNSHELVED, AlarmEvent.ESCALATED, AlarmEvent.CLEARED,
                AlarmEvent.CLOSED)) {
            Counter c = Counter.builder(EVENTS).tag("kind", kind).description("Alarm events stored by this instance")
                    .register(registry);
            events.put(kind, c);
        }
        book.onEvent(e -> events.get(e.kind()).increment());
        notStored = Counter.builder(NOT_STORED).description("Alarm changes the rules wanted and the database did not take "
                + "(it was away): tried again every tick").register(registry);
    }

    void notStored() {
        notStored.increment();
    }
}
