package id.bontang.pantau.alarm;

import java.time.Instant;
import java.util.Set;

/**
 * A filter of {@code GET /api/v1/alarms}. Each given field must match; lists mean any of them.
 *
 * @param states   states, or {@code open} for every state but closed
 * @param from     alarms still open at or after this time (or closed after it)
 * @param to       alarms raised at or before this time
 */
public record AlarmQuery(Set<String> states, Set<String> sources, Set<Integer> severities, Set<String> rules,
        Set<String> areas, Instant from, Instant to, int limit) {

    public static final String OPEN = "open";
    public static final int MAX_LIMIT = 1000;

    public static AlarmQuery open() {
        return new AlarmQuery(Set.of(OPEN), Set.of(), Set.of(), Set.of(), Set.of(), null, null, MAX_LIMIT);
    }

    /** Whether only open alarms can match (so the store needs not read history). */
    boolean openOnly() {
        return !states.isEmpty() && !states.contains(Alarm.CLOSED);
    }

    boolean closedOnly() {
        return states.equals(Set.of(Alarm.CLOSED));
    }

    boolean matches(Alarm a) {
        return (states.isEmpty() || states.contains(a.state()) || (states.contains(OPEN) && a.open()))
                && (sources.isEmpty() || sources.contains(a.source()))
                && (severities.isEmpty() || severities.contains(a.severity()))
                && (rules.isEmpty() || rules.contains(a.rule()))
                && (areas.isEmpty() || areas.contains(a.area()))
                && (from == null || a.closedAt() == null || !a.closedAt().isBefore(from))
                && (to == null || !a.raisedAt().isAfter(to));
    }
}
