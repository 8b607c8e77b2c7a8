package id.bontang.pantau.alarm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import id.bontang.pantau.catalog.Title;
import java.time.Instant;

/**
 * One alarm, from raised to closed (immutable: every change makes a new one with the next {@code version}).
 * Its ISA-18.2 state follows from its fields: see {@link #state()}.
 *
 * @param subject       what the rule watches (a tile or a source): one open alarm per rule and subject
 * @param active        whether the condition holds now
 * @param outOfService  whether an admin took the source out of service (not stored on the alarm: the source is)
 * @param version       1 when raised; the store refuses a change made to an older copy
 */
@JsonPropertyOrder({ "id", "rule", "source", "tile", "area", "severity", "state", "message", "value", "unit" })
public record Alarm(long id, String rule, @JsonIgnore String subject, String source, String tile, String area,
        int severity, Title message, Double value, String unit, boolean active, Instant raisedAt,
        Instant acknowledgedAt, String acknowledgedBy, Instant clearedAt, Instant closedAt, Instant shelvedUntil,
        String shelvedBy, String shelveReason, Instant escalatedAt, int activations, boolean chattering,
        @JsonIgnore boolean outOfService, @JsonIgnore int version) {

    public static final String ACTIVE_UNACKNOWLEDGED = "active-unacknowledged";
    public static final String ACTIVE_ACKNOWLEDGED = "active-acknowledged";
    public static final String CLEARED_UNACKNOWLEDGED = "cleared-unacknowledged";
    public static final String CLOSED = "closed";
    public static final String SHELVED = "shelved";
    public static final String OUT_OF_SERVICE = "out-of-service";

    /** Closed wins; then suppression (out of service, shelved); then the condition and the acknowledgement. */
    @JsonProperty
    public String state() {
        if (closedAt != null) {
            return CLOSED;
        }
        if (outOfService) {
            return OUT_OF_SERVICE;
        }
        if (shelvedUntil != null) {
            return SHELVED;
        }
        if (active) {
            return acknowledged() ? ACTIVE_ACKNOWLEDGED : ACTIVE_UNACKNOWLEDGED;
        }
        return CLEARED_UNACKNOWLEDGED;
    }

    @JsonIgnore
    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    @JsonIgnore
    public boolean open() {
        return closedAt == null;
    }

    /** Shown, sounded and escalated: open, neither shelved nor out of service. */
    @JsonIgnore
    public boolean annunciated() {
        return open() && !outOfService && shelvedUntil == null;
    }

    @JsonProperty
    public boolean escalated() {
        return escalatedAt != null;
    }

    /** A new alarm as first stored, with its id. */
    Alarm stored(long newId) {
        return new Alarm(newId, rule, subject, source, tile, area, severity, message, value, unit, active, raisedAt, null,
                null, null, null, null, null, null, null, activations, false, false, 1);
    }

    /** The same alarm, its source in or out of service: not a change of the alarm itself (same version). */
    Alarm withOutOfService(boolean oos) {
        return oos == outOfService ? this : new Alarm(id, rule, subject, source, tile, area, severity, message, value, unit,
                active, raisedAt, acknowledgedAt, acknowledgedBy, clearedAt, closedAt, shelvedUntil, shelvedBy, shelveReason,
                escalatedAt, activations, chattering, oos, version);
    }

    /** A copy with the next version, for one change. Builders below keep each transition on one line. */
    Changes change() {
        return new Changes(this);
    }

    /** The mutable form of one transition; {@link #done()} gives the next version. */
    static final class Changes {
        long id;
        int severity;
        Title message;
        Double value;
        boolean active;
        Instant acknowledgedAt;
        String acknowledgedBy;
        Instant clearedAt;
        Instant closedAt;
        Instant shelvedUntil;
        String shelvedBy;
        String shelveReason;
        Instant escalatedAt;
        int activations;
        boolean chattering;
        boolean outOfService;
        private final Alarm from;

        private Changes(Alarm a) {
            from = a;
            id = a.id;
            severity = a.severity;
            message = a.message;
            value = a.value;
            active = a.active;
            acknowledgedAt = a.acknowledgedAt;
            acknowledgedBy = a.acknowledgedBy;
            clearedAt = a.clearedAt;
            closedAt = a.closedAt;
            shelvedUntil = a.shelvedUntil;
            shelvedBy = a.shelvedBy;
            shelveReason = a.shelveReason;
            escalatedAt = a.escalatedAt;
            activations = a.activations;
            chattering = a.chattering;
            outOfService = a.outOfService;
        }

        Alarm done() {
            Alarm a = from;
            return new Alarm(id, a.rule, a.subject, a.source, a.tile, a.area, severity, message, value, a.unit, active,
                    a.raisedAt, acknowledgedAt, acknowledgedBy, clearedAt, closedAt, shelvedUntil, shelvedBy, shelveReason,
                    escalatedAt, activations, chattering, outOfService, a.version + 1);
        }
    }
}
