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

    /** @param authoritative whether the running catalog is the newest (not a seed file run while the database was away) */
    static void load(AlarmBook book, Watches watches, boolean authoritative) throws SQLException {
        book.load();
        resume(book, watches, authoritative ? "not in the running catalog" : null);
    }

    /**
     * Resumes the watches of active alarms, and closes the open alarms no watch of {@code watches} will ever judge
     * (their rule or subject left the catalog), saying {@code why}; none when {@code why} is null (a catalog that may be
     * behind: they are closed when the newest runs).
     */
    static void resume(AlarmBook book, Watches watches, String why) throws SQLException {
        Set<String> watched = new HashSet<>();
        for (Watch w : watches.all()) {
            watched.add(w.rule.id() + "/" + w.subject.id());
            Alarm a = book.current(w.rule.id(), w.subject.id());
            if (a != null && a.active() && w.acted() == 0) {
                w.resume(a.severity());
            }
        }
        if (why == null) {
            return;
        }
        Instant now = Instant.now();
        for (Alarm a : book.open()) {
            if (!watched.contains(a.rule() + "/" + a.subject()) && !watches.isOtherInstancesWalls(a)) {
                Log.infof("Alarms: %d (%s on %s) closed: %s", a.id(), a.rule(), a.subject(), why);
                book.apply(Lifecycle.retire(a, "rule '" + a.rule() + "' on '" + a.subject() + "': " + why, now));
            }
        }
    }
}
