package id.bontang.pantau.notify;

import id.bontang.pantau.notify.NotifyStore.Planned;
import id.bontang.pantau.support.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A database of its own with Pantau's schema, an alarm, and messages planned for it: for the outbox's own tests. */
final class Outboxes {

    private Outboxes() {
    }

    static Postgres database() throws Exception {
        Postgres db = new Postgres();
        try (Connection c = db.connect()) {
            id.bontang.pantau.store.Migrations.plain(c);
        }
        db.execute("INSERT INTO alarm (id, rule, subject, severity, message_id, message_en, active, raised_at) VALUES "
                + "(1, 'flood-level', 'flood.tide-loktuan', 3, 'x', 'x', true, now())");
        return db;
    }

    static JdbcNotifyStore store(Postgres db, String instance) {
        return new JdbcNotifyStore(db::connect, instance);
    }

    /**
     * A store whose thread keeps one connection (as a pool lends one, without a new login per statement): closing it
     * hands it back, rolled back and in auto-commit again.
     */
    static JdbcNotifyStore pooled(Postgres db, String instance) {
        ThreadLocal<Connection> kept = new ThreadLocal<>();
        return new JdbcNotifyStore(() -> {
            if (kept.get() == null) {
                kept.set(db.connect());
            }
            Connection real = kept.get();
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            if (!real.getAutoCommit()) {
                                real.rollback();
                                real.setAutoCommit(true);
                            }
                            return null;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }, instance);
    }

    /** {@code n} messages due now to {@code recipients} webhook addresses, planned through the outbox. */
    static void plan(Postgres db, int n, int recipients) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO alarm_outbox (alarm_id, version, kind, at) VALUES (1, 1, 'raised', now())");
        }
        Instant now = Instant.now();
        store(db, "planner").plan(1, (change, told) -> {
            List<Planned> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(new Planned(1, change.id(), Planner.RAISED, "webhook", "hook-" + (i % recipients), null, "r", "id",
                        null, now, null));
            }
            return all;
        });
    }
}
