package id.bontang.pantau.notify;

import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.notify.NotifyStore.Delivery;
import java.time.Instant;
import java.util.Optional;

/**
 * Why a tier or reminder due now is not sent now: cancelled (the alarm cleared, is suppressed, was acknowledged, or its
 * rule no longer matches it), or held until later (a reminder of an acknowledged alarm still active waits for the
 * rule's acknowledgedAfter). Decided when it is due, from the alarm as it stands then.
 */
record Due(String cancel, Instant until) {

    /** Null when {@code d} goes now: anything but a tier or reminder, or one the alarm and its rule still call for. */
    static Due of(Delivery d, AlarmFacts f, Settings settings, Instant now, java.time.ZoneId zone) {
        boolean tier = d.kind().equals(Planner.ESCALATION);
        if (!tier && !d.kind().equals(Planner.REMINDER)) {
            return null;
        }
        Alarm a = f.alarm();
        if (!a.open() || !a.active()) {
            return new Due("the alarm cleared first", null);
        }
        if (!a.annunciated()) {
            return new Due("the alarm is " + a.state(), null);
        }
        String ruleId = d.scheduled().substring(d.scheduled().indexOf(':') + 1);
        Optional<Settings.Rule> rule = settings.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst();
        if (rule.isEmpty() || !rule.get().matches(f)) {
            return new Due(rule.isEmpty() ? "rule " + ruleId + " is gone" : "the alarm no longer matches rule " + ruleId
                    + " (severity " + a.severity() + " now)", null);
        }
        String offDuty = offDuty(d.who(), settings, now.atZone(zone));
        if (offDuty != null) {
            return new Due(offDuty, null);
        }
        if (!a.acknowledged()) {
            return null;
        }
        Settings.Reminders r = rule.get().reminders();
        String acknowledged = "acknowledged by " + a.acknowledgedBy() + " at " + a.acknowledgedAt();
        if (tier || r == null || r.acknowledgedAfter() == null) {
            return new Due(acknowledged, null);
        }
        // Acknowledged but still active: the k-th reminder comes acknowledgedAfter + (k-1) x every after the acknowledgement.
        int k = Integer.parseInt(d.scheduled().substring("reminder".length(), d.scheduled().indexOf(':')));
        Instant from = a.acknowledgedAt().plus(Settings.duration(r.acknowledgedAfter()))
                .plus(Settings.duration(r.every()).multipliedBy(k - 1L));
        return from.isAfter(now) ? new Due(null, from) : null;
    }

    /** Why a roster's user is not told now (off duty, the roster gone), or null: {@code who} is "name (roster:id)". */
    private static String offDuty(String who, Settings settings, java.time.ZonedDateTime now) {
        java.util.regex.Matcher m = who == null ? null : ROSTER.matcher(who);
        if (m == null || !m.matches()) {
            return null;
        }
        Optional<Settings.Roster> roster = settings.rosters().stream().filter(r -> r.id().equals(m.group(2))).findFirst();
        if (roster.isEmpty()) {
            return "roster " + m.group(2) + " is gone";
        }
        return roster.get().onDuty(now).contains(m.group(1)) ? null
                : m.group(1) + " is not on duty in roster " + m.group(2) + " now";
    }

    private static final java.util.regex.Pattern ROSTER = java.util.regex.Pattern.compile("(.+) \\(roster:([^)]+)\\)");
}
