package id.bontang.pantau.alarm;

import io.quarkus.logging.Log;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Reads the open alarms into the book and resumes the watches that raised them. */
final class AlarmLoad {

    private AlarmLoad() {
    }

    static void load(AlarmBook book, Watches watches) throws SQLException {
        book.load();
        Set<String> watched = new HashSet<>();
        for (Watch w : watches.all()) {
            watched.add(w.rule.id() + "/" + w.subject.id());
            Alarm a = book.current(w.rule.id(), w.subject.id());
            if (a != null && a.active()) {
                w.resume(a.severity());
            }
        }
        // A rule (or its subject) gone from the catalog since: nothing will ever clear its alarms but this.
        Instant now = Instant.now();
        for (Alarm a : book.open()) {
            if (a.active() && !watched.contains(a.rule() + "/" + a.subject()) && !watches.isOtherInstancesWalls(a)) {
                Log.infof("Alarms: %d (%s on %s) cleared: the catalog has no such rule and subject now", a.id(), a.rule(),
                        a.subject());
                book.apply(Lifecycle.clear(a, null, now));
            }
        }
    }
}
