package id.bontang.pantau.notify;

import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.alarm.AlarmQuery;
import id.bontang.pantau.notify.Channel.Envelope;
import id.bontang.pantau.notify.Recipients.Target;
import io.quarkus.logging.Log;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The morning email: the last 24 hours' alarms (raised, still open, who acknowledged, cleared), to the users who asked
 * for it in their own settings (only the alarms their subscriptions match, when they have any) and to the admins'
 * {@code dailySummary.to}. Once a day for the whole installation: the first instance past the hour takes the day in
 * {@code notify_settings} ({@code daily-summary}) and sends; a crash in the middle loses the rest of that day's
 * summary, never sends it twice (it is a record, not an alarm).
 */
final class DailySummary {

    static final String KEY = "daily-summary";

    /** What one sending did. */
    record Sent(int sent, int failed) {
    }

    private final NotifyStore store;
    private final Channel email;
    private final Messages messages;
    private final String console;
    private final java.util.function.Function<Alarm, AlarmFacts> facts;

    DailySummary(NotifyStore store, Channel email, Messages messages, String console,
            java.util.function.Function<Alarm, AlarmFacts> facts) {
        this.store = store;
        this.email = email;
        this.messages = messages;
        this.console = console;
        this.facts = facts;
    }

    /** Sends today's summary when its hour has come and no instance sent it yet; null when it was not its turn. */
    Sent whenDue(Settings settings, Map<String, Personal> personal, Recipients recipients, ZonedDateTime now,
            Alarms alarms, String instance) throws SQLException {
        LocalTime at = settings.dailySummary() == null ? LocalTime.of(7, 0) : LocalTime.parse(settings.dailySummary().at());
        if (now.toLocalTime().isBefore(at)) {
            return null;
        }
        String today = LocalDate.from(now).toString();
        NotifyStore.Stored last = store.settings(KEY);
        if (today.equals(last.doc()) || !store.saveSettings(KEY, today, last.version(), instance)) {
            return null; // sent today already, or another instance took the day a moment ago
        }
        return send(settings, personal, recipients, now.toInstant(), alarms);
    }

    /** The day's alarms, as the alarm engine lists them. */
    @FunctionalInterface
    interface Alarms {
        List<Alarm> since(Instant from) throws SQLException;
    }

    /** Sends the summary now to everyone who gets it. */
    Sent send(Settings settings, Map<String, Personal> personal, Recipients recipients, Instant now, Alarms alarms)
            throws SQLException {
        List<Alarm> day = alarms.since(now.minusSeconds(86_400));
        Map<String, Target> to = new LinkedHashMap<>();
        Map<String, Personal.Subscription[]> filters = new LinkedHashMap<>();
        personal.forEach((user, p) -> {
            if (p.contacts().wantsSummary()) {
                Target t = new Target("email", p.contacts().email(), user, p.language(), null);
                to.put(t.recipient(), t);
                filters.put(t.recipient(), p.subscriptions().toArray(new Personal.Subscription[0]));
            }
        });
        if (settings.dailySummary() != null) {
            recipients.resolve(settings.dailySummary().to()).stream()
                    .filter(t -> t.channel().equals("email") && t.failure() == null)
                    .forEach(t -> {
                        to.putIfAbsent(t.recipient(), t);
                        filters.put(t.recipient(), new Personal.Subscription[0]); // the admins' list: every alarm
                    });
        }
        int sent = 0;
        int failed = 0;
        for (Target t : to.values()) {
            Personal.Subscription[] only = filters.get(t.recipient());
            List<Alarm> mine = new ArrayList<>();
            for (Alarm a : day) {
                if (only.length == 0 || java.util.Arrays.stream(only).anyMatch(s -> s.matches(facts.apply(a)))) {
                    mine.add(a);
                }
            }
            Messages.Text text = messages.summary(mine, "en".equals(t.language()), console);
            Channel.Sent r = email.send(new Envelope(t.recipient(), text, null,
                    "msg_pantau_summary_" + LocalDate.ofInstant(now, java.time.ZoneOffset.UTC) + "_"
                            + Integer.toHexString(t.recipient().hashCode()),
                    null, false));
            if (r.result() == Channel.Result.SENT) {
                sent++;
            } else {
                failed++;
                Log.warnf("Notifications: the daily summary to %s was not sent: %s", t.who() == null ? "an address"
                        : t.who(), r.answer());
            }
        }
        return new Sent(sent, failed);
    }
}
