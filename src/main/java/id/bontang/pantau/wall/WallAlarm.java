package id.bontang.pantau.wall;

/**
 * An alarm as the wall's socket carries it. The hub keeps the open ones for snapshots and knows nothing else of
 * alarms: {@code alarm} is the object clients receive.
 */
public record WallAlarm(String id, boolean open, Object alarm) {
}
