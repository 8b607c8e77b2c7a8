package id.bontang.pantau.security;

import id.bontang.pantau.store.Store;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The audit trail: sign-ins (successful and failed), sign-outs, user and display changes, with who, when and from
 * where. Written to {@code audit_event} and to the log; without a database (or while it is away) the last 1,000
 * are kept in memory. Never a password or a token.
 */
@Singleton
public class Audit {

    public record Event(Instant time, String actor, String action, String subject, String address, String detail) {
    }

    private static final int MEMORY = 1000;
    private final Store store;
    private final Deque<Event> memory = new ArrayDeque<>();

    public Audit(Store store) {
        this.store = store;
    }

    /** An admin's change, made through the API: the signed-in user and the request's address. */
    public void record(SecurityIdentity who, HttpServerRequest from, String action, String subject, String detail) {
        record(who.getPrincipal().getName(), action, subject, address(from), detail);
    }

    /** The client's address (behind a proxy, the one it forwarded when the forwarding settings are on). */
    static String address(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? null : request.remoteAddress().host();
    }

    public void record(String actor, String action, String subject, String address, String detail) {
        Event e = new Event(Instant.now(), actor == null ? "(anonymous)" : actor, action, subject, address, detail);
        Log.infof("Audit: %s %s%s from %s%s", e.actor(), action, subject == null ? "" : " " + subject, address,
                detail == null ? "" : " (" + detail + ")");
        if (store.enabled() && store.ready()) {
            try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                    "INSERT INTO audit_event (time, actor, action, subject, address, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setObject(1, java.sql.Timestamp.from(e.time()));
                p.setString(2, e.actor());
                p.setString(3, action);
                p.setString(4, subject);
                p.setString(5, address);
                p.setString(6, detail);
                p.executeUpdate();
                return;
            } catch (SQLException ex) {
                Log.warnf("Audit: not written to the database (%s); kept in memory", ex.getMessage());
            }
        }
        synchronized (memory) {
            memory.addFirst(e);
            while (memory.size() > MEMORY) {
                memory.removeLast();
            }
        }
    }

    /** The newest events first, those in memory (not yet in the database) included. */
    public List<Event> recent(int limit) throws SQLException {
        List<Event> events = new ArrayList<>();
        synchronized (memory) {
            memory.stream().limit(limit).forEach(events::add);
        }
        if (store.enabled() && store.ready() && events.size() < limit) {
            try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("SELECT time, actor, action, "
                    + "subject, address, detail FROM audit_event ORDER BY time DESC, id DESC LIMIT ?")) {
                p.setInt(1, limit - events.size());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        events.add(new Event(r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6)));
                    }
                }
            }
        }
        return events;
    }
}
