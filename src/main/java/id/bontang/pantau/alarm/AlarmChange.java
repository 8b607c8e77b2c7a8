package id.bontang.pantau.alarm;

/** One change this instance stored: the alarm after it and its event (for notifications kept in memory). */
public record AlarmChange(Alarm alarm, AlarmEvent event) {

    /** Whether someone may be told of it: not a comment, nor the engine's own escalation (rules' tiers do that). */
    public boolean notified() {
        return JdbcAlarmStore.NOTIFIED.contains(event.kind());
    }
}
