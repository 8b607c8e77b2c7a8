package id.bontang.pantau.alarm;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.catalog.Title;
import id.bontang.pantau.indicator.TileState;
import io.quarkus.logging.Log;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Makes an alarm follow its watch, on this instance's own edges only: the watch going from normal to a
 * severity raises (or re-activates) the alarm, a new severity changes it, back to normal clears it. Between
 * edges it leaves the alarm as it is, so that two instances whose views differ by a moment never undo each
 * other. One exception: an alarm that stands while this watch has seen its condition gone, with evidence, for
 * {@link #SETTLE} (the instance that raised it is gone) is cleared here. A change the store did not take (the
 * database away, or the alarm changed meanwhile) is tried again at the next tick.
 */
final class Reconciler {

    static final long SETTLE = Duration.ofMinutes(1).toMillis();

    private final AlarmBook book;
    private final AlarmMetrics metrics;
    private final Conditions conditions;
    private final Map<String, String> areaNames;
    private final Function<String, TileState> tiles;

    Reconciler(AlarmBook book, AlarmMetrics metrics, Conditions conditions, Map<String, String> areaNames,
            Function<String, TileState> tiles) {
        this.book = book;
        this.metrics = metrics;
        this.conditions = conditions;
        this.areaNames = areaNames;
        this.tiles = tiles;
    }

    void reconcile(Watch w, long now) {
        Alarm a = book.current(w.rule.id(), w.subject.id());
        int s = w.effective();
        Instant at = Instant.ofEpochMilli(now);
        try {
            if (s == w.acted()) {
                settle(w, a, now, at);
                return;
            }
            boolean done = true;
            if (s > 0) {
                if (a == null) {
                    if (book.outOfService(source(w))) {
                        return; // no new alarm while out of service; raised at the first tick after it returns
                    }
                    book.raise(candidate(w, s, at), at);
                } else if (!a.active()) {
                    done = book.apply(Lifecycle.reactivate(a, s, message(w, s), w.value(), book.chattering(a.id(), now), at));
                } else if (a.severity() != s) {
                    done = book.apply(Lifecycle.severity(a, s, message(w, s), w.value(), at));
                }
            } else if (a != null && a.active()) {
                done = book.apply(Lifecycle.clear(a, w.value(), at));
            }
            if (done) {
                w.acted(s);
            }
        } catch (SQLException e) {
            metrics.notStored();
            Log.debugf("Alarms: %s/%s not stored (%s); tried again at the next tick", w.rule.id(), w.subject.id(),
                    e.getMessage());
        }
    }

    /** No edge: an alarm another instance left standing is cleared once the condition has been gone a while. */
    private void settle(Watch w, Alarm a, long now, Instant at) throws SQLException {
        boolean stale = w.effective() == 0 && a != null && a.active() && w.known() && !w.tracking()
                && conditions.gone(w, a);
        if (!stale) {
            w.agreed();
        } else if (w.disagreedFor(SETTLE, now)) {
            Log.infof("Alarms: %d (%s on %s) cleared here: its condition has been gone for %d s", a.id(), a.rule(),
                    a.subject(), SETTLE / 1000);
            if (book.apply(Lifecycle.clear(a, w.value(), at))) {
                w.acted(0);
            }
        }
    }

    static String source(Watch w) {
        return w.subject.source() != null ? w.subject.source() : w.subject.id();
    }

    private Alarm candidate(Watch w, int severity, Instant now) {
        TileState t = w.subject.tile() == null ? null : tiles.apply(w.subject.tile());
        String unit = w.rule.kind() == AlarmRule.Kind.SILENT ? "min" : t == null ? null : t.unit();
        return new Alarm(0, w.rule.id(), w.subject.id(), source(w), w.subject.tile(), w.subject.area(), severity,
                message(w, severity), w.value(), unit, true, now, null, null, null, null, null, null, null, null, 1, false,
                false, 0);
    }

    private Title message(Watch w, int severity) {
        TileState t = w.subject.tile() == null ? null : tiles.apply(w.subject.tile());
        String area = w.subject.area() == null ? "" : areaNames.getOrDefault(w.subject.area(), w.subject.area());
        Title m = AlarmMessages.of(w, t, area, severity);
        return w.rule.kind() == AlarmRule.Kind.WALLS ? m.fill("{walls}", conditions.frozenWalls()) : m;
    }
}
