package id.bontang.pantau.notify;

import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.alarm.AlarmEvent;
import id.bontang.pantau.notify.NotifyStore.Change;
import id.bontang.pantau.notify.NotifyStore.Delivery;
import id.bontang.pantau.notify.NotifyStore.Planned;
import id.bontang.pantau.notify.Recipients.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Who is told of one alarm change (docs/alarms.md, "Who is told"). A raise (or a new severity) goes to every matching
 * rule's first tiers and every matching subscription, once per address; later tiers and reminders are planned with
 * it, each due at its time and sent only if the alarm still calls for it then. Acknowledging, clearing and shelving
 * go to those already told. A chattering alarm's reactivations tell nobody: it was told once.
 */
final class Planner implements NotifyStore.Planner {

    static final String RAISED = "raised";
    static final String SEVERITY = "severity";
    static final String ESCALATION = "escalation";
    static final String REMINDER = "reminder";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String CLEARED = "cleared";
    static final String CLOSED = "closed";
    static final String SHELVED = "shelved";
    static final String DIGEST = "digest";
    /** The message id of a digest holds this: a Telegram digest is never edited as one alarm's message. */
    static final String DIGEST_ID = "_digest_";

    private final Settings settings;
    private final Map<String, Personal> personal;
    private final Recipients recipients;
    private final LongFunction<Optional<AlarmFacts>> alarms;
    private final Instant now;

    Planner(Settings settings, Map<String, Personal> personal, Recipients recipients,
            LongFunction<Optional<AlarmFacts>> alarms, Instant now) {
        this.settings = settings;
        this.personal = personal;
        this.recipients = recipients;
        this.alarms = alarms;
        this.now = now;
    }

    @Override
    public List<Planned> plan(Change c, List<Delivery> told) {
        Optional<AlarmFacts> found = alarms.apply(c.alarmId());
        if (found.isEmpty()) {
            return List.of();
        }
        AlarmFacts f = found.get();
        return switch (c.kind()) {
            case AlarmEvent.RAISED, AlarmEvent.SEVERITY -> raised(c, f);
            case AlarmEvent.REACTIVATED -> f.alarm().chattering() ? List.of() : raised(c, f);
            case AlarmEvent.ACKNOWLEDGED -> toTold(c, told, ACKNOWLEDGED, t -> !t.channel().equals("email"));
            case AlarmEvent.SHELVED -> toTold(c, told, SHELVED, t -> t.channel().equals("webhook"));
            case AlarmEvent.CLEARED, AlarmEvent.CLOSED -> cleared(c, told);
            default -> List.of();
        };
    }

    private List<Planned> raised(Change c, AlarmFacts f) {
        Alarm a = f.alarm();
        String kind = c.kind().equals(AlarmEvent.SEVERITY) ? SEVERITY : RAISED;
        Map<String, Planned> now = new LinkedHashMap<>();
        List<Planned> later = new ArrayList<>();
        for (Settings.Rule r : settings.rules()) {
            if (!r.matches(f)) {
                continue;
            }
            List<String> firstTo = new ArrayList<>();
            for (int i = 0; i < r.tiers().size(); i++) {
                Settings.Tier tier = r.tiers().get(i);
                Duration after = tier.delay();
                if (after.isZero()) {
                    firstTo.addAll(tier.to());
                    for (Target t : recipients.resolve(tier.to())) {
                        now.putIfAbsent(t.key(), planned(c, kind, t, r.id(), null, this.now));
                    }
                } else {
                    for (Target t : recipients.resolve(tier.to(), true)) {
                        later.add(planned(c, ESCALATION, t, r.id(), "tier" + i + ":" + r.id(), a.raisedAt().plus(after)));
                    }
                }
            }
            if (r.reminders() != null) {
                Duration every = Settings.duration(r.reminders().every());
                List<Target> reminded = recipients.resolve(firstTo, true);
                for (int k = 1; k <= r.reminders().times(); k++) {
                    for (Target t : reminded) {
                        later.add(planned(c, REMINDER, t, r.id(), "reminder" + k + ":" + r.id(),
                                a.raisedAt().plus(every.multipliedBy(k))));
                    }
                }
            }
        }
        personal.forEach((user, p) -> p.subscriptions().stream().filter(s -> s.matches(f)).forEach(s -> {
            for (Target t : recipients.user(user, "user:" + user)) {
                if (s.channels().contains(t.channel())) {
                    now.putIfAbsent(t.key(), planned(c, kind, t, "subscription", null, this.now));
                }
            }
        }));
        List<Planned> all = new ArrayList<>(now.values());
        all.addAll(later.stream().filter(p -> p.failure() == null).toList());
        return all;
    }

    /**
     * The clearing to each address told of the alarm; an address whose last message was the clearing (acknowledged
     * after it cleared) hears only of the close, and by email not at all.
     */
    private List<Planned> cleared(Change c, List<Delivery> all) {
        Map<String, Delivery> last = new LinkedHashMap<>();
        heard(all).forEach(d -> last.put(d.channel() + " " + d.recipient(), d)); // in id order: each address's newest
        List<Planned> out = new java.util.ArrayList<>();
        for (Delivery d : last.values()) {
            boolean clearedAlready = d.kind().equals(CLEARED) || d.kind().equals(CLOSED);
            if (d.channel().equals("none") || clearedAlready && d.channel().equals("email")) {
                continue;
            }
            out.add(planned(c, clearedAlready ? CLOSED : CLEARED, new Target(d.channel(), d.recipient(), d.who(),
                    d.language(), null), d.rule(), null, now));
        }
        return out;
    }

    private List<Planned> toTold(Change c, List<Delivery> told, String kind, java.util.function.Predicate<Delivery> which) {
        Map<String, Planned> out = new LinkedHashMap<>();
        for (Delivery d : heard(told)) {
            if (which.test(d) && !d.channel().equals("none")) {
                out.putIfAbsent(d.channel() + " " + d.recipient(), planned(c, kind,
                        new Target(d.channel(), d.recipient(), d.who(), d.language(), null), d.rule(), null, now));
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The messages whose addresses heard (or are hearing) of the alarm: a tier or reminder not sent yet is not one, as it
     * waits for its time and is cancelled once the alarm is acknowledged or cleared; a raise not sent yet still goes.
     */
    private static List<Delivery> heard(List<Delivery> told) {
        return told.stream().filter(d -> !d.kind().equals(ESCALATION) && !d.kind().equals(REMINDER)
                || d.state().equals("sent") || d.state().equals("sending")).toList();
    }

    private static Planned planned(Change c, String kind, Target t, String rule, String scheduled, Instant due) {
        return new Planned(c.alarmId(), c.id(), kind, t.channel(), t.recipient(), t.who(), rule, t.language(), scheduled,
                due, t.failure());
    }
}
