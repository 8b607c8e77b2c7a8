package id.bontang.pantau.alarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One event of an alarm's life, as stored in {@code alarm_event} and listed in {@code GET /api/v1/alarms/{id}}.
 *
 * @param actor    who did it (an operator's name), or null for what the rules did
 * @param severity the alarm's severity after the event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlarmEvent(Instant time, String kind, String actor, String comment, Integer severity, Double value) {

    public static final String RAISED = "raised";
    public static final String REACTIVATED = "reactivated";
    public static final String SEVERITY = "severity";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String COMMENTED = "commented";
    public static final String SHELVED = "shelved";
    public static final String UNSHELVED = "unshelved";
    public static final String ESCALATED = "escalated";
    public static final String CLEARED = "cleared";
    public static final String CLOSED = "closed";

    static AlarmEvent of(Instant time, String kind, Alarm a) {
        return new AlarmEvent(time, kind, null, null, a.severity(), a.value());
    }

    static AlarmEvent by(Instant time, String kind, String actor, String comment, Alarm a) {
        return new AlarmEvent(time, kind, actor, comment, a.severity(), a.value());
    }
}
