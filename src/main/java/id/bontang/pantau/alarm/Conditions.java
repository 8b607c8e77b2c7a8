package id.bontang.pantau.alarm;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.indicator.SourceActivity;
import id.bontang.pantau.indicator.TileState;
import java.util.List;
import java.util.Map;

/**
 * Tells each {@link Watch} what its rule reads: a tile's figure or status (only while the tile is fresh: a stale
 * figure changes no alarm), a source's silence, a device's last status, the wall pages that froze.
 */
final class Conditions {

    private final SourceActivity activity;
    private final FrozenWalls walls;
    private final long startedAt;
    /** The frozen walls' names, as the walls rule last saw them: its message names them. */
    private String frozen = "";

    /** @param startedAt a source last heard before it is silent counted from here, so a restart raises nothing at once */
    Conditions(SourceActivity activity, FrozenWalls walls, long startedAt) {
        this.activity = activity;
        this.walls = walls;
        this.startedAt = startedAt;
    }

    String frozenWalls() {
        return frozen;
    }

    /** A tile changed. */
    void tile(Watch w, TileState t, long now) {
        boolean known = t.freshness() == TileState.Freshness.FRESH;
        switch (w.rule.kind()) {
            case THRESHOLD -> w.figure(known ? t.figure(w.rule.field()) : null, now);
            case STATUS -> {
                Integer s = known ? w.rule.statusSeverity().getOrDefault(t.status().code(), 0) : null;
                w.severity(s, t.value() == null ? null : t.value().doubleValue(), now);
            }
            default -> {
            }
        }
    }

    /** Every tick: silence and status are read again; tile conditions let their delays run. */
    void tick(Watch w, long now) {
        switch (w.rule.kind()) {
            case SILENT -> {
                long last = activity.lastSeen(w.subject.id());
                if (last == Long.MIN_VALUE && w.acted() == 0) {
                    // Planned: declared and never heard (a fresh install, a gauge not yet mounted): nothing is missed.
                    w.severity(0, null, now);
                    return;
                }
                long silentFor = now - Math.max(last, startedAt);
                // An alarm standing from before this start stays until the source is actually heard.
                boolean silent = silentFor > w.subject.silentAfter().toMillis() || (w.acted() > 0 && last == Long.MIN_VALUE);
                w.severity(silent ? w.rule.severity() : 0, (double) Math.round(silentFor / 60_000.0), now);
            }
            case OFFLINE -> {
                Boolean online = activity.online(w.subject.id());
                w.severity(online == null ? null : online ? 0 : w.rule.severity(), null, now);
            }
            case WALLS -> {
                List<String> names = walls.frozen();
                frozen = String.join(", ", names);
                w.severity(names.isEmpty() ? 0 : w.rule.severity(), (double) names.size(), now);
            }
            default -> w.tick(now);
        }
    }

    /**
     * Whether this instance has evidence that an alarm's condition is gone (not just a view that started later): a
     * silent source heard after the alarm was raised; for the other kinds, a known observation is the evidence.
     */
    boolean gone(Watch w, Alarm a) {
        return w.rule.kind() != AlarmRule.Kind.SILENT || activity.lastSeen(w.subject.id()) > a.raisedAt().toEpochMilli();
    }
}
