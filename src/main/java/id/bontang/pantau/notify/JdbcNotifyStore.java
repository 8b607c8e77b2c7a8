package id.bontang.pantau.notify;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Notifications in PostgreSQL (V16__notifications.sql): every instance's workers share the outbox. */
final class JdbcNotifyStore implements NotifyStore {

    private static final String DELIVERY = "d.id, d.alarm_id, d.kind, d.channel, d.recipient, d.who, d.rule, d.language, "
            + "d.scheduled, d.due_at, d.state, d.attempts, d.sent_at, d.provider_ref, d.result, "
            + "CASE WHEN d.scheduled IS NULL THEN COALESCE((SELECT o.at FROM alarm_outbox o WHERE o.id = d.change_id), "
            + "d.planned_for) ELSE d.planned_for END";

    /** Where connections come from: the application's pool (Store.connection()), or a test's database. */
    @FunctionalInterface
    interface Connections {
        Connection connection() throws SQLException;
    }

    private final Connections store;
    private final String instance;

    JdbcNotifyStore(Connections store, String instance) {
        this.store = store;
        this.instance = instance;
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public Stored settings(String key) throws SQLException {
        try (Connection c = store.connection();
                PreparedStatement p = c.prepareStatement("SELECT doc, version FROM notify_settings WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new Stored(r.getString(1), r.getInt(2)) : new Stored(null, 0);
            }
        }
    }

    @Override
    public boolean saveSettings(String key, String doc, int expected, String by) throws SQLException {
        String sql = expected == 0
                ? "INSERT INTO notify_settings (doc, updated_by, key, version) VALUES (?, ?, ?, 1) ON CONFLICT DO NOTHING"
                : "UPDATE notify_settings SET doc = ?, updated_by = ?, version = version + 1, updated_at = clock_timestamp() "
                        + "WHERE key = ? AND version = ?";
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, doc);
            p.setString(2, by);
            p.setString(3, key);
            if (expected != 0) {
                p.setInt(4, expected);
            }
            return p.executeUpdate() == 1;
        }
    }

    @Override
    public Map<String, String> personal() throws SQLException {
        Map<String, String> docs = new HashMap<>();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT key, doc FROM notify_settings WHERE key LIKE 'user:%'"); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                docs.put(r.getString(1).substring("user:".length()), r.getString(2));
            }
        }
        return docs;
    }

    @Override
    public int plan(int limit, Planner planner) throws SQLException {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                List<Change> locked = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT id, alarm_id, version, kind, actor, at FROM alarm_outbox "
                        + "WHERE taken_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    p.setInt(1, limit);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            locked.add(new Change(r.getLong(1), r.getLong(2), r.getInt(3), r.getString(4), r.getString(5),
                                    r.getTimestamp(6).toInstant()));
                        }
                    }
                }
                List<Change> changes = inOrder(c, locked);
                for (Change ch : changes) {
                    java.sql.Savepoint before = c.setSavepoint();
                    try {
                        insert(c, planner.plan(ch, told(c, ch.alarmId())));
                    } catch (RuntimeException e) { // this change alone: the others go on
                        if (e.getCause() instanceof SQLException down) {
                            throw down; // the database, not the change: all of it again at the next round
                        }
                        c.rollback(before);
                        io.quarkus.logging.Log.errorf(e, "Notifications: change %d of alarm %d could not be planned; told nobody",
                                ch.id(), ch.alarmId());
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "UPDATE alarm_outbox SET taken_at = clock_timestamp() WHERE id = ?")) {
                        p.setLong(1, ch.id());
                        p.executeUpdate();
                    }
                }
                c.commit();
                return changes.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Of the changes this round locked, those it may plan: for each alarm, its untaken changes from the first on, as
     * long as this round holds each. A change another instance holds stops its alarm there, so that a clearing is never
     * planned before the raise it follows (and sees whom the raise told).
     */
    private static List<Change> inOrder(Connection c, List<Change> locked) throws SQLException {
        if (locked.isEmpty()) {
            return locked;
        }
        Map<Long, Change> held = new LinkedHashMap<>();
        locked.forEach(ch -> held.put(ch.id(), ch));
        List<Change> ok = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, alarm_id FROM alarm_outbox WHERE taken_at IS NULL AND "
                + "alarm_id = ANY(?) ORDER BY alarm_id, id")) {
            p.setArray(1, c.createArrayOf("bigint", locked.stream().map(Change::alarmId).distinct().toArray()));
            try (ResultSet r = p.executeQuery()) {
                long alarm = -1;
                boolean open = false;
                while (r.next()) {
                    if (r.getLong(2) != alarm) {
                        alarm = r.getLong(2);
                        open = true;
                    }
                    open = open && held.containsKey(r.getLong(1));
                    if (open) {
                        ok.add(held.get(r.getLong(1)));
                    }
                }
            }
        }
        ok.sort(java.util.Comparator.comparingLong(Change::id));
        return ok;
    }

    private static List<Delivery> told(Connection c, long alarmId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + DELIVERY + " FROM notify_delivery d WHERE d.alarm_id = ? "
                + "AND d.state IN ('sent', 'pending', 'sending') ORDER BY d.id")) {
            p.setLong(1, alarmId);
            return deliveries(p, false);
        }
    }

    private static void insert(Connection c, List<Planned> planned) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO notify_delivery (alarm_id, change_id, kind, channel, "
                + "recipient, who, rule, language, scheduled, due_at, planned_for, state, result) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            for (Planned d : planned) {
                int i = 0;
                p.setLong(++i, d.alarmId());
                if (d.changeId() == null) {
                    p.setNull(++i, Types.BIGINT);
                } else {
                    p.setLong(++i, d.changeId());
                }
                p.setString(++i, d.kind());
                p.setString(++i, d.channel());
                p.setString(++i, d.recipient());
                p.setString(++i, d.who());
                p.setString(++i, d.rule());
                p.setString(++i, d.language());
                p.setString(++i, d.scheduled());
                p.setTimestamp(++i, Timestamp.from(d.dueAt()));
                p.setTimestamp(++i, Timestamp.from(d.dueAt()));
                p.setString(++i, d.failure() == null ? "pending" : "failed");
                p.setString(++i, d.failure());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    @Override
    public List<Delivery> claim(String instance, String channel, Instant now, Duration lease, int limit)
            throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("WITH due AS (SELECT id, "
                + "state = 'sending' AS resumed FROM notify_delivery WHERE state IN ('pending', 'sending') AND channel = ? AND "
                + "((state = 'pending' AND due_at <= ?) OR (state = 'sending' AND claimed_until < ?)) ORDER BY due_at, id "
                + "LIMIT ? FOR UPDATE SKIP LOCKED) UPDATE notify_delivery d SET state = 'sending', claimed_by = ?, "
                + "claimed_until = ? FROM due WHERE d.id = due.id RETURNING " + DELIVERY + ", due.resumed")) {
            p.setString(1, channel);
            p.setTimestamp(2, Timestamp.from(now));
            p.setTimestamp(3, Timestamp.from(now));
            p.setInt(4, limit);
            p.setString(5, instance);
            p.setTimestamp(6, Timestamp.from(now.plus(lease)));
            return deliveries(p, true);
        }
    }

    @Override
    public void finish(Delivery d, Outcome o) throws SQLException {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("UPDATE notify_delivery SET state = ?, due_at = COALESCE(?, due_at), "
                    + "sent_at = COALESCE(?, sent_at), message = COALESCE(?, message), provider_ref = COALESCE(?, provider_ref), "
                    + "result = ?, attempts = attempts + ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?")) {
                p.setString(1, o.state());
                p.setTimestamp(2, o.dueAt() == null ? null : Timestamp.from(o.dueAt()));
                p.setTimestamp(3, o.sentAt() == null ? null : Timestamp.from(o.sentAt()));
                p.setString(4, o.message());
                p.setString(5, o.providerRef());
                p.setString(6, o.result());
                p.setInt(7, o.attempted() ? 1 : 0);
                p.setLong(8, d.id());
                p.setString(9, instance);
                p.executeUpdate();
            }
            if (o.recorded() != null) {
                record(c, d.id(), o.recorded());
            }
            c.commit();
        }
    }

    @Override
    public List<Long> renew(List<Long> ids, String by, Instant until) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("UPDATE notify_delivery SET "
                + "claimed_until = ? WHERE id = ANY(?) AND claimed_by = ? AND state = 'sending' RETURNING id")) {
            p.setTimestamp(1, Timestamp.from(until));
            p.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            p.setString(3, by);
            List<Long> held = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    held.add(r.getLong(1));
                }
            }
            return held;
        }
    }

    @Override
    public void release(List<Long> ids, String by) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("UPDATE notify_delivery SET "
                + "state = 'pending', claimed_by = NULL, claimed_until = NULL WHERE id = ANY(?) AND claimed_by = ? "
                + "AND state = 'sending'")) {
            p.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            p.setString(2, by);
            p.executeUpdate();
        }
    }

    @Override
    public void record(long id, Try t) throws SQLException {
        try (Connection c = store.connection()) {
            record(c, id, t);
        }
    }

    private static void record(Connection c, long id, Try t) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO notify_attempt (delivery_id, instance, outcome, status, "
                + "answer, millis) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, id);
            p.setString(2, t.instance());
            p.setString(3, t.outcome());
            p.setObject(4, t.status(), Types.INTEGER);
            p.setString(5, t.answer());
            p.setObject(6, t.millis(), Types.INTEGER);
            p.executeUpdate();
        }
    }

    @Override
    public Optional<String> firstRef(long alarmId, String channel, String recipient) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("SELECT provider_ref FROM "
                + "notify_delivery WHERE alarm_id = ? AND channel = ? AND recipient = ? AND state = 'sent' "
                + "AND provider_ref IS NOT NULL AND message NOT LIKE ? ORDER BY sent_at, id LIMIT 1")) {
            p.setLong(1, alarmId);
            p.setString(2, channel);
            p.setString(3, recipient);
            p.setString(4, "%" + id.bontang.pantau.notify.Planner.DIGEST_ID + "%");
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Recent sentSince(String channel, String recipient, Instant since) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("SELECT count(DISTINCT message), "
                + "min(sent_at), max(sent_at) FROM notify_delivery WHERE channel = ? AND recipient = ? AND state = 'sent' AND sent_at >= ?")) {
            p.setString(1, channel);
            p.setString(2, recipient);
            p.setTimestamp(3, Timestamp.from(since));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                Timestamp first = r.getTimestamp(2);
                Timestamp last = r.getTimestamp(3);
                return new Recent(r.getInt(1), first == null ? null : first.toInstant(), last == null ? null : last.toInstant());
            }
        }
    }

    @Override
    public List<Delivery> trail(long alarmId) throws SQLException {
        try (Connection c = store.connection()) {
            List<Delivery> ds;
            try (PreparedStatement p = c.prepareStatement("SELECT " + DELIVERY + " FROM notify_delivery d WHERE d.alarm_id = ? "
                    + "ORDER BY d.id DESC LIMIT 500")) {
                p.setLong(1, alarmId);
                ds = deliveries(p, false);
            }
            Map<Long, List<Try>> tries = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT a.delivery_id, a.at, a.instance, a.outcome, a.status, "
                    + "a.answer, a.millis FROM notify_attempt a JOIN notify_delivery d ON d.id = a.delivery_id "
                    + "WHERE d.alarm_id = ? ORDER BY a.id")) {
                p.setLong(1, alarmId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        tries.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new Try(r.getTimestamp(2).toInstant(),
                                r.getString(3), r.getString(4), (Integer) r.getObject(5), r.getString(6),
                                (Integer) r.getObject(7)));
                    }
                }
            }
            return ds.stream().map(d -> d.withTries(tries.getOrDefault(d.id(), List.of()))).toList();
        }
    }

    @Override
    public Map<String, Long> pending() throws SQLException {
        Map<String, Long> byChannel = new LinkedHashMap<>();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("SELECT channel, count(*) FROM "
                + "notify_delivery WHERE state IN ('pending', 'sending') AND (scheduled IS NULL OR due_at <= clock_timestamp() OR attempts > 0) "
                + "GROUP BY channel"); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                byChannel.put(r.getString(1), r.getLong(2));
            }
        }
        return byChannel;
    }

    @Override
    public byte[] linkKey() throws SQLException {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = store.connection()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO notify_link_key (id, key) VALUES (1, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                p.setBytes(1, fresh);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT key FROM notify_link_key WHERE id = 1");
                    ResultSet r = p.executeQuery()) {
                r.next();
                return r.getBytes(1);
            }
        }
    }

    /** Forgets the used links past their expiry (an expired link is refused anyway). */
    int forgetExpiredLinks() throws SQLException {
        try (Connection c = store.connection();
                PreparedStatement p = c.prepareStatement("DELETE FROM notify_link_used WHERE expires < clock_timestamp()")) {
            return p.executeUpdate();
        }
    }

    @Override
    public boolean linkUsed(String nonce) throws SQLException {
        try (Connection c = store.connection();
                PreparedStatement p = c.prepareStatement("SELECT 1 FROM notify_link_used WHERE nonce = ?")) {
            p.setString(1, nonce);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    @Override
    public boolean useLink(String nonce, String by, Instant expires) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("INSERT INTO notify_link_used "
                + "(nonce, used_by, expires) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, nonce);
            p.setString(2, by);
            p.setTimestamp(3, Timestamp.from(expires));
            return p.executeUpdate() == 1;
        }
    }

    private static List<Delivery> deliveries(PreparedStatement p, boolean withResumed) throws SQLException {
        List<Delivery> ds = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                Timestamp sent = r.getTimestamp(13);
                ds.add(new Delivery(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getTimestamp(10).toInstant(),
                        r.getString(11), r.getInt(12), sent == null ? null : sent.toInstant(), r.getString(14),
                        r.getString(15), r.getTimestamp(16).toInstant(), withResumed && r.getBoolean(17), null));
            }
        }
        return ds;
    }
}
