package id.bontang.pantau.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.notify.Channel.Envelope;
import id.bontang.pantau.notify.Channel.Sent;
import id.bontang.pantau.notify.NotifyStore.Delivery;
import id.bontang.pantau.notify.NotifyStore.Outcome;
import id.bontang.pantau.notify.NotifyStore.Try;
import io.github.resilience4j.core.IntervalFunction;
import io.quarkus.logging.Log;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * Each poll, on every instance: plans the alarm changes no instance took yet, claims the messages due, and sends them,
 * one recipient's at a time (several at once when they pile up: a digest), within the recipient's rate and, during a
 * flood, one digest per interval. Every attempt is recorded; temporary failures wait (doubling, jittered, or as long as
 * the provider asks) and permanent ones fail at once. A claim that ran out (an instance killed mid-send) is resumed
 * and said so: that message may arrive twice, never more than once more per crash.
 */
final class Worker {

    private final NotifyStore store;
    private final NotifyConfig config;
    private final Map<String, Channel> channels;
    private final Messages messages;
    private final AckLinks links;
    private final NotifyMetrics metrics;
    private final ObjectMapper json;
    private final String instance;
    private final LongFunction<Optional<AlarmFacts>> alarms;
    private final BooleanSupplier flooding;
    /**
     * Each channel's senders, and how many messages each has in hand (at most {@value #IN_FLIGHT}: with 4 senders and a
     * provider that hangs, the last of them is sent within 8 timeouts, well inside a claim's lease).
     */
    private final Map<String, ExecutorService> senders;
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> inFlight = new java.util.HashMap<>();
    static final int IN_FLIGHT = 32;
    private final java.util.function.Supplier<String> install;
    private final java.time.ZoneId zone;
    private final IntervalFunction backoff;
    private final java.util.function.Supplier<Settings> settings;

    Worker(NotifyStore store, NotifyConfig config, Map<String, Channel> channels, Messages messages, AckLinks links,
            NotifyMetrics metrics, ObjectMapper json, String instance, LongFunction<Optional<AlarmFacts>> alarms,
            BooleanSupplier flooding, Map<String, ExecutorService> senders, java.util.function.Supplier<Settings> settings,
            java.util.function.Supplier<String> install, java.time.ZoneId zone) {
        this.install = install;
        this.zone = zone;
        senders.keySet().forEach(ch -> inFlight.put(ch, new java.util.concurrent.atomic.AtomicInteger()));
        this.settings = settings;
        this.store = store;
        this.config = config;
        this.channels = channels;
        this.messages = messages;
        this.links = links;
        this.metrics = metrics;
        this.json = json;
        this.instance = instance;
        this.alarms = alarms;
        this.flooding = flooding;
        this.senders = senders;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(config.firstRetry(), 2.0, 0.25, config.maxRetry());
    }

    /**
     * One round: plans, then claims for each channel what it has room for and hands each recipient's messages to the
     * channel's own senders, without waiting: a provider that hangs (10 s a call) holds up its own channel, not the
     * others nor the next round's planning. Answers how many messages it claimed.
     */
    int poll(NotifyStore.Planner planner) throws SQLException {
        store.plan(200, planner);
        boolean flood = flooding.getAsBoolean();
        int claimed = 0;
        for (Map.Entry<String, ExecutorService> ch : senders.entrySet()) {
            java.util.concurrent.atomic.AtomicInteger busy = inFlight.get(ch.getKey());
            int room = IN_FLIGHT - busy.get();
            if (room <= 0) {
                continue;
            }
            List<Delivery> due = store.claim(instance, ch.getKey(), Instant.now(), config.lease(), room);
            claimed += due.size();
            Map<String, List<Delivery>> byRecipient = new LinkedHashMap<>();
            due.forEach(d -> byRecipient.computeIfAbsent(d.recipient(), k -> new ArrayList<>()).add(d));
            busy.addAndGet(due.size());
            for (List<Delivery> group : byRecipient.values()) {
                ch.getValue().execute(() -> {
                    try {
                        deliver(group, flood);
                    } catch (SQLException | RuntimeException e) {
                        Log.warnf("Notifications: delivering to a %s recipient failed (%s); its claim runs out and it is "
                                + "resumed", ch.getKey(), e.getClass().getSimpleName());
                    } finally {
                        busy.addAndGet(-group.size());
                    }
                });
            }
        }
        metrics.pending(store.pending());
        return claimed;
    }

    private void deliver(List<Delivery> group, boolean flood) throws SQLException {
        Instant now = Instant.now();
        List<Delivery> keep = new ArrayList<>();
        for (Delivery d : group) {
            if (d.resumed()) {
                metrics.resumed(d.channel()).increment();
                store.record(d.id(), new Try(now, instance, "resumed", null, "its claim ran out (an instance stopped "
                        + "mid-delivery): sent again, it may arrive twice", null));
            }
            Optional<AlarmFacts> f = alarms.apply(d.alarmId());
            Due due = f.isEmpty() ? new Due("the alarm is gone", null) : Due.of(d, f.get(), settings.get(), now, zone);
            if (due == null) {
                keep.add(d);
            } else if (due.cancel() != null) {
                store.finish(d, new Outcome("cancelled", null, null, null, null, due.cancel(), false,
                        new Try(now, instance, "cancelled", null, due.cancel(), null)));
            } else {
                store.finish(d, new Outcome("pending", due.until(), null, null, null, "waits until " + due.until()
                        + ": acknowledged, reminded if still active then", false, null));
            }
        }
        if (keep.isEmpty()) {
            return;
        }
        Delivery first = keep.get(0);
        NotifyStore.Recent recent = store.sentSince(first.channel(), first.recipient(), now.minus(config.rateWindow()));
        if (recent.count() >= config.ratePerRecipient()) {
            // Every message of this recipient waits for the same moment (the oldest in the window leaving it), so that
            // they are claimed together then and go as one digest.
            hold(keep, recent.first().plus(config.rateWindow()), "held: at most " + config.ratePerRecipient()
                    + " messages per " + config.rateWindow().toSeconds() + " s to one recipient");
            return;
        }
        if (flood && recent.last() != null && recent.last().plus(config.digestEvery()).isAfter(now)) {
            hold(keep, recent.last().plus(config.digestEvery()), "held: alarm flood, one digest every "
                    + config.digestEvery().toMinutes() + " min");
            return;
        }
        send(keep);
    }

    private void hold(List<Delivery> ds, Instant until, String why) throws SQLException {
        for (Delivery d : ds) {
            store.finish(d, new Outcome("pending", until, null, null, null, why, false, null));
        }
    }

    private void send(List<Delivery> ds) throws SQLException {
        Delivery first = ds.get(0);
        Channel channel = channels.get(first.channel());
        if (channel == null) {
            for (Delivery d : ds) {
                store.finish(d, new Outcome("failed", null, null, null, null, "no channel " + d.channel(), false, null));
            }
            return;
        }
        boolean en = "en".equals(first.language());
        Envelope e = ds.size() == 1 ? single(first, en) : digest(ds, en);
        List<Long> held = store.renew(ds.stream().map(Delivery::id).toList(), instance, Instant.now().plus(config.lease()));
        if (held.size() < ds.size()) { // another instance took some over: it sends those; the rest go back, unsent
            store.release(held, instance);
            Log.warnf("Notifications: %d of %d %s messages were taken over before sending; the rest given back",
                    ds.size() - held.size(), ds.size(), first.channel());
            return;
        }
        long started = System.nanoTime();
        Sent sent;
        try {
            sent = channel.send(e);
        } catch (RuntimeException x) { // a channel's own fault; its message could hold a secret (a URL with a token)
            sent = Sent.failed(null, "cannot be sent (" + x.getClass().getSimpleName() + ")");
        }
        int millis = (int) ((System.nanoTime() - started) / 1_000_000);
        Try t = new Try(Instant.now(), instance, sent.result().name().toLowerCase(java.util.Locale.ROOT), sent.status(),
                sent.answer(), millis);
        switch (sent.result()) {
            case SENT -> {
                metrics.sent(first.channel()).increment();
                for (Delivery d : ds) {
                    metrics.delivered(d.channel(), Duration.between(d.changedAt(), Instant.now()));
                    store.finish(d, new Outcome("sent", null, Instant.now(), e.messageId(), sent.ref(),
                            ds.size() > 1 ? "sent in a digest of " + ds.size() : sent.answer(), true, t));
                }
            }
            case RETRY -> retry(ds, sent, t);
            case FAILED -> {
                metrics.failed(first.channel(), channel.unavailable() != null ? "unavailable" : "permanent").increment();
                for (Delivery d : ds) {
                    store.finish(d, new Outcome("failed", null, null, null, null, sent.answer(), true, t));
                }
            }
        }
    }

    /** The wait counts from the provider's answer (as Telegram's retry_after does). */
    private void retry(List<Delivery> ds, Sent sent, Try t) throws SQLException {
        for (Delivery d : ds) {
            if (d.attempts() + 1 >= config.maxAttempts()) {
                metrics.failed(d.channel(), "exhausted").increment();
                store.finish(d, new Outcome("failed", null, null, null, null, "gave up after " + (d.attempts() + 1)
                        + " attempts: " + sent.answer(), true, t));
                continue;
            }
            metrics.retried(d.channel()).increment();
            Duration wait = Duration.ofMillis(backoff.apply(d.attempts() + 1));
            if (sent.retryAfter() != null && sent.retryAfter().compareTo(wait) > 0) {
                wait = sent.retryAfter().compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : sent.retryAfter();
            }
            store.finish(d, new Outcome("pending", Instant.now().plus(wait), null, null, null, "retry in " + wait.toSeconds()
                    + " s: " + sent.answer(), true, t));
        }
    }

    private Envelope single(Delivery d, boolean en) throws SQLException {
        AlarmFacts f = alarms.apply(d.alarmId()).orElseThrow();
        Alarm a = f.alarm();
        boolean asks = Set.of(Planner.RAISED, Planner.SEVERITY, Planner.ESCALATION, Planner.REMINDER).contains(d.kind());
        String ack = asks && a.open() && !a.acknowledged() && !d.channel().equals("webhook") ? link(a.id(), true) : null;
        Messages.Text text = messages.one(f, d.kind(), en, link(a.id(), false), ack);
        String edit = d.channel().equals("telegram") && !d.kind().equals(Planner.RAISED)
                ? store.firstRef(d.alarmId(), d.channel(), d.recipient()).orElse(null) : null;
        ObjectNode body = event(d.kind());
        ObjectNode data = body.putObject("data");
        data.set("alarm", json.valueToTree(a));
        data.put("console", link(a.id(), false));
        data.put("id", messageId(String.valueOf(d.id())));
        return new Envelope(d.recipient(), text, body.toString(), messageId(String.valueOf(d.id())), edit,
                !d.kind().equals(Planner.ACKNOWLEDGED));
    }

    private Envelope digest(List<Delivery> ds, boolean en) {
        List<AlarmFacts> facts = new ArrayList<>();
        ObjectNode body = event(Planner.DIGEST);
        var list = body.putObject("data").putArray("changes");
        for (Delivery d : ds) {
            alarms.apply(d.alarmId()).ifPresent(f -> {
                facts.add(f);
                // Each change's own id: a digest sent again after a crash may be grouped otherwise (another webhook-id),
                // and a receiver still drops what it had by these.
                list.addObject().put("id", messageId(String.valueOf(d.id()))).put("kind", d.kind())
                        .set("alarm", json.valueToTree(f.alarm()));
            });
        }
        Messages.Text text = messages.digest(facts, en, config.consoleUrl() + "/console.html");
        String ids = ds.get(0).id() + "_" + Integer.toHexString(ds.stream().map(Delivery::id).toList().hashCode());
        return new Envelope(ds.get(0).recipient(), text, body.toString(),
                messageId(Planner.DIGEST_ID.substring(1) + ids), null, false);
    }

    /**
     * A message's id, the same on every retry (a webhook's receiver drops a repeat by it): unique to this installation
     * (a prefix from its link key), so that a database started afresh, or memory after a restart, never reuses one; a
     * digest's names all its messages.
     */
    private String messageId(String local) {
        return "msg_pantau_" + install.get() + "_" + local;
    }

    private ObjectNode event(String kind) {
        ObjectNode body = json.createObjectNode();
        body.put("type", "alarm." + kind);
        body.put("timestamp", Instant.now().toString());
        return body;
    }

    /** The console's address of an alarm; with {@code ack}, a signed one-click acknowledgement link. */
    private String link(long alarmId, boolean ack) {
        String base = config.consoleUrl() + "/console.html?alarm=" + alarmId;
        return ack ? base + "&link=" + links.token(alarmId, Instant.now().plus(config.linkTtl())) : base;
    }
}
