package id.bontang.pantau.alarm;

import id.bontang.pantau.catalog.Title;
import id.bontang.pantau.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Alarms in the database (V10__alarms.sql): the coordinator of several instances. */
final class JdbcAlarmStore implements AlarmStore {

    private static final String COLUMNS = "id, rule, subject, source, tile, area, severity, message_id, message_en, value, unit, "
            + "active, raised_at, acknowledged_at, acknowledged_by, cleared_at, closed_at, shelved_until, shelved_by, "
            + "shelve_reason, escalated_at, activations, chattering, version";

    private final Store store;

    JdbcAlarmStore(Store store) {
        this.store = store;
    }

    @Override
    public Raised raise(Alarm a, AlarmEvent first) throws SQLException {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO alarm (rule, subject, source, tile, area, severity, "
                    + "message_id, message_en, value, unit, active, raised_at, activations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (rule, subject) WHERE closed_at IS NULL DO NOTHING RETURNING id")) {
                int i = 0;
                p.setString(++i, a.rule());
                p.setString(++i, a.subject());
                p.setString(++i, a.source());
                p.setString(++i, a.tile());
                p.setString(++i, a.area());
                p.setInt(++i, a.severity());
                p.setString(++i, a.message().id());
                p.setString(++i, a.message().en());
                setDouble(p, ++i, a.value());
                p.setString(++i, a.unit());
                p.setBoolean(++i, a.active());
                p.setTimestamp(++i, Timestamp.from(a.raisedAt()));
                p.setInt(++i, a.activations());
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        long id = r.getLong(1);
                        event(c, id, first);
                        outbox(c, id, 1, first);
                        c.commit();
                        return new Raised(a.stored(id), true);
                    }
                }
            }
            c.commit();
            List<Alarm> open = select(c, "closed_at IS NULL AND rule = ? AND subject = ?", List.of(a.rule(), a.subject()));
            if (open.isEmpty()) {
                throw new SQLException("alarm " + a.rule() + "/" + a.subject() + " neither inserted nor found");
            }
            return new Raised(open.get(0), false);
        }
    }

    @Override
    public boolean update(Alarm n, AlarmEvent event) throws SQLException {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("UPDATE alarm SET severity = ?, message_id = ?, message_en = ?, "
                    + "value = ?, active = ?, acknowledged_at = ?, acknowledged_by = ?, cleared_at = ?, closed_at = ?, "
                    + "shelved_until = ?, shelved_by = ?, shelve_reason = ?, escalated_at = ?, activations = ?, chattering = ?, "
                    + "version = ?, updated_at = clock_timestamp() WHERE id = ? AND version = ?")) {
                int i = 0;
                p.setInt(++i, n.severity());
                p.setString(++i, n.message().id());
                p.setString(++i, n.message().en());
                setDouble(p, ++i, n.value());
                p.setBoolean(++i, n.active());
                setTime(p, ++i, n.acknowledgedAt());
                p.setString(++i, n.acknowledgedBy());
                setTime(p, ++i, n.clearedAt());
                setTime(p, ++i, n.closedAt());
                setTime(p, ++i, n.shelvedUntil());
                p.setString(++i, n.shelvedBy());
                p.setString(++i, n.shelveReason());
                setTime(p, ++i, n.escalatedAt());
                p.setInt(++i, n.activations());
                p.setBoolean(++i, n.chattering());
                p.setInt(++i, n.version());
                p.setLong(++i, n.id());
                p.setInt(++i, n.version() - 1);
                if (p.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            event(c, n.id(), event);
            outbox(c, n.id(), n.version(), event);
            c.commit();
            return true;
        }
    }

    private static void event(Connection c, long id, AlarmEvent e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO alarm_event (alarm_id, time, kind, actor, comment, severity, "
                + "value) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, id);
            p.setTimestamp(2, Timestamp.from(e.time()));
            p.setString(3, e.kind());
            p.setString(4, e.actor());
            p.setString(5, e.comment());
            if (e.severity() == null) {
                p.setNull(6, Types.SMALLINT);
            } else {
                p.setInt(6, e.severity());
            }
            setDouble(p, 7, e.value());
            p.executeUpdate();
        }
    }

    /** The change for the notification workers (notify/), in the change's own transaction: told once or not at all. */
    private static void outbox(Connection c, long id, int version, AlarmEvent e) throws SQLException {
        if (!NOTIFIED.contains(e.kind())) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO alarm_outbox (alarm_id, version, kind, actor, at) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, id);
            p.setInt(2, version);
            p.setString(3, e.kind());
            p.setString(4, e.actor());
            p.setTimestamp(5, Timestamp.from(e.time()));
            p.executeUpdate();
        }
    }

    /** The changes someone may be told of (a comment or the engine's own escalation is not one). */
    static final Set<String> NOTIFIED = Set.of(AlarmEvent.RAISED, AlarmEvent.REACTIVATED, AlarmEvent.SEVERITY,
            AlarmEvent.ACKNOWLEDGED, AlarmEvent.SHELVED, AlarmEvent.CLEARED, AlarmEvent.CLOSED);

    @Override
    public Optional<Alarm> find(long id) throws SQLException {
        try (Connection c = store.connection()) {
            return select(c, "id = ?", List.of(id)).stream().findFirst();
        }
    }

    /** Each state as SQL (out of service: the source is in alarm_out_of_service), as Alarm.state() decides it. */
    private static final Map<String, String> STATES = Map.of(
            AlarmQuery.OPEN, "closed_at IS NULL",
            Alarm.CLOSED, "closed_at IS NOT NULL",
            Alarm.OUT_OF_SERVICE, "closed_at IS NULL AND " + Out.IN,
            Alarm.SHELVED, "closed_at IS NULL AND NOT " + Out.IN + " AND shelved_until IS NOT NULL",
            Alarm.ACTIVE_UNACKNOWLEDGED, "closed_at IS NULL AND NOT " + Out.IN
                    + " AND shelved_until IS NULL AND active AND acknowledged_at IS NULL",
            Alarm.ACTIVE_ACKNOWLEDGED, "closed_at IS NULL AND NOT " + Out.IN
                    + " AND shelved_until IS NULL AND active AND acknowledged_at IS NOT NULL",
            Alarm.CLEARED_UNACKNOWLEDGED, "closed_at IS NULL AND NOT " + Out.IN + " AND shelved_until IS NULL AND NOT active");

    private static final class Out {
        static final String IN = "COALESCE(source IN (SELECT source FROM alarm_out_of_service), false)";
    }

    @Override
    public List<Alarm> query(AlarmQuery q) throws SQLException {
        StringBuilder where = new StringBuilder(q.states().isEmpty() ? "true"
                : "(" + String.join(") OR (", q.states().stream().sorted().map(STATES::get).toList()) + ")");
        where.insert(0, "(").append(")");
        List<Object> args = new ArrayList<>();
        any(where, args, "source", q.sources());
        any(where, args, "rule", q.rules());
        any(where, args, "area", q.areas());
        any(where, args, "severity", q.severities());
        if (q.from() != null) {
            where.append(" AND (closed_at IS NULL OR closed_at >= ?)");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND raised_at <= ?");
            args.add(Timestamp.from(q.to()));
        }
        where.append(" ORDER BY raised_at DESC, id DESC LIMIT ").append(q.limit());
        try (Connection c = store.connection()) {
            return select(c, where.toString(), args);
        }
    }

    private static void any(StringBuilder where, List<Object> args, String column, Set<?> values) {
        if (!values.isEmpty()) {
            where.append(" AND ").append(column).append(" IN (").append("?, ".repeat(values.size() - 1)).append("?)");
            args.addAll(values);
        }
    }

    @Override
    public List<AlarmEvent> events(long id) throws SQLException {
        List<AlarmEvent> events = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("SELECT time, kind, actor, comment, "
                + "severity, value FROM alarm_event WHERE alarm_id = ? ORDER BY id")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    int severity = r.getInt(5);
                    Integer s = r.wasNull() ? null : severity;
                    double value = r.getDouble(6);
                    events.add(new AlarmEvent(r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3), r.getString(4),
                            s, r.wasNull() ? null : value));
                }
            }
        }
        return events;
    }

    @Override
    public List<Alarm> changedSince(Instant since) throws SQLException {
        try (Connection c = store.connection()) {
            return select(c, "updated_at > ? ORDER BY updated_at", List.of(Timestamp.from(since)));
        }
    }

    @Override
    public Instant now() throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("SELECT clock_timestamp()");
                ResultSet r = p.executeQuery()) {
            r.next();
            return r.getTimestamp(1).toInstant();
        }
    }

    @Override
    public Map<String, OutOfService> outOfService() throws SQLException {
        Map<String, OutOfService> out = new LinkedHashMap<>();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT source, since, actor, reason FROM alarm_out_of_service ORDER BY since"); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), new OutOfService(r.getString(1), r.getTimestamp(2).toInstant(), r.getString(3),
                        r.getString(4)));
            }
        }
        return out;
    }

    @Override
    public void outOfService(OutOfService o) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("INSERT INTO alarm_out_of_service "
                + "(source, since, actor, reason) VALUES (?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET since = EXCLUDED.since, "
                + "actor = EXCLUDED.actor, reason = EXCLUDED.reason")) {
            p.setString(1, o.source());
            p.setTimestamp(2, Timestamp.from(o.since()));
            p.setString(3, o.actor());
            p.setString(4, o.reason());
            p.executeUpdate();
        }
    }

    @Override
    public boolean inService(String source) throws SQLException {
        try (Connection c = store.connection();
                PreparedStatement p = c.prepareStatement("DELETE FROM alarm_out_of_service WHERE source = ?")) {
            p.setString(1, source);
            return p.executeUpdate() > 0;
        }
    }

    private List<Alarm> select(Connection c, String where, List<?> args) throws SQLException {
        List<Alarm> alarms = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM alarm WHERE " + where)) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    alarms.add(alarm(r));
                }
            }
        }
        return alarms;
    }

    /** One statement: the events, notifications and their alarms go together (the foreign key is checked at its end). */
    @Override
    public int forgetClosedBefore(Instant before) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("WITH old AS "
                + "(SELECT id FROM alarm WHERE closed_at < ?), events AS (DELETE FROM alarm_event WHERE alarm_id IN "
                + "(SELECT id FROM old)), outbox AS (DELETE FROM alarm_outbox WHERE alarm_id IN (SELECT id FROM old)), "
                + "attempts AS (DELETE FROM notify_attempt WHERE delivery_id IN (SELECT d.id FROM notify_delivery d "
                + "JOIN old ON d.alarm_id = old.id)), deliveries AS (DELETE FROM notify_delivery WHERE alarm_id IN "
                + "(SELECT id FROM old)) DELETE FROM alarm WHERE id IN (SELECT id FROM old)")) {
            p.setTimestamp(1, Timestamp.from(before));
            return p.executeUpdate();
        }
    }

    private Alarm alarm(ResultSet r) throws SQLException {
        double value = r.getDouble("value");
        Double v = r.wasNull() ? null : value;
        String subject = r.getString("subject");
        return new Alarm(r.getLong("id"), r.getString("rule"), subject, r.getString("source"), r.getString("tile"),
                r.getString("area"), r.getInt("severity"), new Title(r.getString("message_id"), r.getString("message_en")), v,
                r.getString("unit"), r.getBoolean("active"), time(r, "raised_at"),
                time(r, "acknowledged_at"), r.getString("acknowledged_by"), time(r, "cleared_at"), time(r, "closed_at"),
                time(r, "shelved_until"), r.getString("shelved_by"), r.getString("shelve_reason"), time(r, "escalated_at"),
                r.getInt("activations"), r.getBoolean("chattering"), false, r.getInt("version"));
    }

    private static Instant time(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setTime(PreparedStatement p, int i, Instant t) throws SQLException {
        p.setTimestamp(i, t == null ? null : Timestamp.from(t));
    }

    private static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, v);
        }
    }
}
