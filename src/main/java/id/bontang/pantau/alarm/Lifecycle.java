package id.bontang.pantau.alarm;

import id.bontang.pantau.api.Problem;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.Title;
import java.time.Duration;
import java.time.Instant;

/**
 * The ISA-18.2 transitions of one alarm, as pure functions: each answers the next version and the event it
 * makes, or refuses with a reason an operator can act on ({@link Refused}).
 *
 * <pre>
 *   condition holds ──raise──▶ active-unacknowledged ──ack──▶ active-acknowledged
 *        │ clear                      │ clear                        │ clear
 *        ▼                            ▼                              ▼
 *   cleared-unacknowledged ──ack──▶ closed ◀─────────────────────── closed
 *        │ condition again: active-unacknowledged, activations + 1
 * </pre>
 * A shelved or out-of-service alarm that clears is closed (nobody chose to hear of it); shelving and out-of-service
 * only suppress an alarm, they change neither its condition nor its acknowledgement.
 */
final class Lifecycle {

    /** A change: the next version and its event. */
    record Transition(Alarm next, AlarmEvent event) {
    }

    /**
     * An operator's action that cannot be taken, with the HTTP status that says why and, for a 400, the field at
     * fault (answered by the API's problem mappers).
     */
    static final class Refused extends ProblemException {

        /** 404 or 409: about the alarm, not a field. */
        Refused(int status, String message) {
            super(status, status == 404 ? "not-found" : "conflict", null, message);
        }

        /** 400: {@code field} is wrong; the detail starts with its name, as every refusal of a field does. */
        Refused(String field, String message) {
            super(400, Problem.invalid(field), field, field + ": " + message);
        }
    }

    private Lifecycle() {
    }

    static Transition reactivate(Alarm a, int severity, Title message, Double value, boolean chattering, Instant now) {
        Alarm.Changes c = a.change();
        c.active = true;
        c.clearedAt = null;
        c.severity = severity;
        c.message = message;
        c.value = value;
        c.activations = a.activations() + 1;
        c.chattering = a.chattering() || chattering;
        Alarm next = c.done();
        return new Transition(next, AlarmEvent.of(now, AlarmEvent.REACTIVATED, next));
    }

    static Transition severity(Alarm a, int severity, Title message, Double value, Instant now) {
        Alarm.Changes c = a.change();
        c.severity = severity;
        c.message = message;
        c.value = value;
        Alarm next = c.done();
        return new Transition(next, AlarmEvent.of(now, AlarmEvent.SEVERITY, next));
    }

    /** The condition is gone: closed when acknowledged (or suppressed), cleared-unacknowledged otherwise. */
    static Transition clear(Alarm a, Double value, Instant now) {
        Alarm.Changes c = a.change();
        c.active = false;
        c.clearedAt = now;
        c.value = value == null ? a.value() : value;
        boolean close = a.acknowledged() || a.shelvedUntil() != null || a.outOfService();
        if (close) {
            c.closedAt = now;
        }
        Alarm next = c.done();
        return new Transition(next, AlarmEvent.of(now, close ? AlarmEvent.CLOSED : AlarmEvent.CLEARED, next));
    }

    /** Acknowledged: an active alarm stays until its condition ends; a cleared one is closed. */
    /**
     * Its rule or subject left the catalog: nothing will judge it again, so it is closed, active or not, acknowledged
     * or not, with the reason (what left, and in which version).
     */
    static Transition retire(Alarm a, String reason, Instant now) {
        Alarm.Changes c = a.change();
        if (a.active()) {
            c.active = false;
            c.clearedAt = now;
        }
        c.closedAt = now;
        Alarm next = c.done();
        return new Transition(next, new AlarmEvent(now, AlarmEvent.CLOSED, null, reason, next.severity(), next.value()));
    }

    static Transition acknowledge(Alarm a, String user, String comment, Instant now) {
        open(a);
        if (a.acknowledged()) {
            throw new Refused(409, "alarm " + a.id() + " was acknowledged already, by " + a.acknowledgedBy() + " at "
                    + a.acknowledgedAt());
        }
        Alarm.Changes c = a.change();
        c.acknowledgedAt = now;
        c.acknowledgedBy = user;
        if (!a.active()) {
            c.closedAt = now;
        }
        Alarm next = c.done();
        return new Transition(next, AlarmEvent.by(now, a.active() ? AlarmEvent.ACKNOWLEDGED : AlarmEvent.CLOSED, user,
                comment, next));
    }

    static Transition comment(Alarm a, String user, String comment, Instant now) {
        if (comment == null || comment.isBlank()) {
            throw new Refused("comment", "the text is required");
        }
        Alarm next = a.change().done();
        return new Transition(next, AlarmEvent.by(now, AlarmEvent.COMMENTED, user, comment, next));
    }

    static Transition shelve(Alarm a, String user, Duration length, String reason, Duration max, Instant now) {
        open(a);
        if (length == null || length.isNegative() || length.isZero() || length.compareTo(max) > 0) {
            throw new Refused("minutes", "an alarm is shelved for 1 to " + max.toMinutes() + " minutes");
        }
        if (reason == null || reason.isBlank()) {
            throw new Refused("reason", "say why the alarm is shelved (it is kept in the alarm's history)");
        }
        Alarm.Changes c = a.change();
        c.shelvedUntil = now.plus(length);
        c.shelvedBy = user;
        c.shelveReason = reason;
        Alarm next = c.done();
        return new Transition(next, AlarmEvent.by(now, AlarmEvent.SHELVED, user, reason, next));
    }

    /** By an operator, or (user null) because the shelving time is up. */
    static Transition unshelve(Alarm a, String user, Instant now) {
        open(a);
        if (a.shelvedUntil() == null) {
            throw new Refused(409, "alarm " + a.id() + " is not shelved");
        }
        Alarm.Changes c = a.change();
        c.shelvedUntil = null;
        c.shelvedBy = null;
        c.shelveReason = null;
        Alarm next = c.done();
        return new Transition(next, AlarmEvent.by(now, AlarmEvent.UNSHELVED, user, user == null ? "shelving time up" : null,
                next));
    }

    static Transition escalate(Alarm a, Instant now) {
        Alarm.Changes c = a.change();
        c.escalatedAt = now;
        Alarm next = c.done();
        return new Transition(next, AlarmEvent.of(now, AlarmEvent.ESCALATED, next));
    }

    /** Whether an alarm is due to escalate: annunciated, active, unacknowledged, severity 3 or 4, for long enough. */
    static boolean dueToEscalate(Alarm a, Duration after, Instant now) {
        return a.annunciated() && a.active() && !a.acknowledged() && a.escalatedAt() == null && a.severity() >= 3
                && !a.raisedAt().plus(after).isAfter(now);
    }

    private static void open(Alarm a) {
        if (!a.open()) {
            throw new Refused(409, "alarm " + a.id() + " is closed: a new occurrence would be a new alarm");
        }
    }
}
