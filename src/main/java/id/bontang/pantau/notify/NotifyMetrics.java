package id.bontang.pantau.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notifications' meters (docs/metrics.md): messages sent, failed (by reason), retried and resumed after a crash,
 * by channel; pending by channel (across instances, read from the outbox); the time from the alarm change to the
 * provider's acceptance.
 */
final class NotifyMetrics {

    static final List<String> CHANNELS = List.of("email", "telegram", "webhook");
    static final List<String> REASONS = List.of("permanent", "exhausted", "unavailable");

    private final MeterRegistry registry;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();

    NotifyMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String ch : CHANNELS) {
            Gauge.builder("pantau.notifications.pending", pending, p -> p.getOrDefault(ch, 0L)).tag("channel", ch)
                    .description("Messages not sent yet: due, waiting for a retry or held by a limit (not tiers and reminders still to come)")
                    .register(registry);
            sent(ch);
            retried(ch);
            resumed(ch);
            REASONS.forEach(r -> failed(ch, r));
            timer(ch);
        }
    }

    void pending(Map<String, Long> byChannel) {
        CHANNELS.forEach(ch -> pending.put(ch, byChannel.getOrDefault(ch, 0L)));
    }

    Counter sent(String channel) {
        return Counter.builder("pantau.notifications.sent").tag("channel", channel)
                .description("Messages the provider accepted (a digest counts once)").register(registry);
    }

    Counter retried(String channel) {
        return Counter.builder("pantau.notifications.retried").tag("channel", channel)
                .description("Attempts that failed for a while (5xx, 429, timeout) and are tried again").register(registry);
    }

    Counter failed(String channel, String reason) {
        return Counter.builder("pantau.notifications.failed").tag("channel", channel).tag("reason", reason)
                .description("Messages given up: permanent (4xx, unknown chat), exhausted (retries), unavailable (the "
                        + "channel is not configured)").register(registry);
    }

    Counter resumed(String channel) {
        return Counter.builder("pantau.notifications.resumed").tag("channel", channel)
                .description("Messages whose claim ran out (an instance stopped mid-delivery): sent again, maybe twice")
                .register(registry);
    }

    Timer timer(String channel) {
        return Timer.builder("pantau.notifications.delivery").tag("channel", channel).publishPercentileHistogram()
                .description("From the alarm change (a tier or reminder: from its due time) to the provider's acceptance").register(registry);
    }

    void delivered(String channel, Duration took) {
        timer(channel).record(took.isNegative() ? Duration.ZERO : took);
    }
}
