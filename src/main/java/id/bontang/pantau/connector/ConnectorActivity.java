package id.bontang.pantau.connector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each connector has done on this instance: messages taken and refused, the last of each, and a pull feed's
 * polls (last success, last error, next attempt). What {@code GET /api/v1/connectors} shows, and metrics.
 */
@Singleton
public class ConnectorActivity {

    public static final String MESSAGES = "pantau.connector.messages";
    public static final String POLLS = "pantau.connector.polls";

    /** One connector's figures; times are null until it happens. */
    public static final class Figures {
        volatile long messages;
        volatile long refused;
        volatile Instant lastMessage;
        volatile String lastRefusal;
        volatile Instant lastSuccess;
        volatile Instant lastError;
        volatile String error;
        volatile Instant nextAttempt;
        volatile boolean polling;
        volatile String watermark;
    }

    private final MeterRegistry registry;
    private final Map<String, Figures> figures = new ConcurrentHashMap<>();

    public ConnectorActivity(MeterRegistry registry, id.bontang.pantau.catalog.LiveCatalog live) {
        this.registry = registry;
        registered(live.current());
        live.listen((before, after, version) -> registered(after));
    }

    /** Each connector's counters from the start, at 0, so that a rate can be taken before the first message. */
    private void registered(id.bontang.pantau.catalog.Catalog catalog) {
        for (var c : catalog.connectors()) {
            messages(c.id(), "taken");
            if (c.pull() != null) {
                for (String outcome : new String[] {"new", "unchanged", "failed", "skipped"}) {
                    polls(c.id(), outcome);
                }
            }
        }
    }

    /** Registered once each: a message of the live path looks its counter up here, not in the registry. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private Counter messages(String connector, String outcome) {
        return counters.computeIfAbsent(MESSAGES + " " + connector + " " + outcome, k -> Counter.builder(MESSAGES).tag("connector", connector).tag("outcome", outcome)
                .description("Messages (webhook calls, pull feed answers) a connector translated, by whether some of "
                        + "their values were refused").register(registry));
    }

    private Counter polls(String connector, String outcome) {
        return counters.computeIfAbsent(POLLS + " " + connector + " " + outcome, k -> Counter.builder(POLLS).tag("connector", connector).tag("outcome", outcome)
                .description("A pull feed's requests by outcome: new (records taken), unchanged (304 or nothing new), "
                        + "failed, skipped (another instance holds its lease)").register(registry));
    }

    Figures of(String connector) {
        return figures.computeIfAbsent(connector, k -> new Figures());
    }

    /** A message (or a pull feed's answer) translated: {@code refused} of its values or records refused. */
    void message(String connector, int refused, String lastRefusal) {
        Figures f = of(connector);
        f.messages++;
        f.lastMessage = Instant.now();
        if (refused > 0) {
            f.refused += refused;
            f.lastRefusal = lastRefusal;
        }
        messages(connector, refused > 0 ? "refused-some" : "taken").increment();
    }

    void refusedWhole(String connector, String why) {
        Figures f = of(connector);
        f.messages++;
        f.refused++;
        f.lastMessage = Instant.now();
        f.lastRefusal = why;
        messages(connector, "refused").increment();
    }

    void polled(String connector, String outcome) {
        polls(connector, outcome).increment();
    }
}
