package id.bontang.pantau.store;

import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.FreshReadings.Key;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The SQL of one batch, each statement one round trip whatever the batch's size ({@code unnest} of arrays). Rows
 * go in key order, so that concurrent writers (other instances) never wait for each other in a circle.
 */
final class BatchStatements {

    private static final String INSERT_READINGS = "INSERT INTO reading (time, device_id, metric, value, event_id) "
            + "SELECT TIMESTAMPTZ 'epoch' + t * INTERVAL '1 millisecond', d, m, v, e "
            + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[], ?::text[]) AS x(t, d, m, v, e) ON CONFLICT DO NOTHING";
    private static final String INSERT_KEYS = "INSERT INTO event_key (source_id, id, time) "
            + "SELECT s, k, TIMESTAMPTZ 'epoch' + t * INTERVAL '1 millisecond' "
            + "FROM unnest(?::text[], ?::text[], ?::bigint[]) AS x(s, k, t) ON CONFLICT DO NOTHING RETURNING source_id, id";
    /**
     * A retained status sent again (at every start of a durable session): stored only when it differs from the
     * device's last stored status. After the statement for the other readings, so that it sees what the same
     * batch stored (a status queued while Pantau was away comes before the retained copy of it).
     */
    private static final String INSERT_CHANGED_STATUSES = "INSERT INTO reading (time, device_id, metric, value, event_id) "
            + "SELECT TIMESTAMPTZ 'epoch' + t * INTERVAL '1 millisecond', d, m, v, '' "
            + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[]) AS x(t, d, m, v) "
            + "WHERE v IS DISTINCT FROM (SELECT r.value FROM reading r WHERE r.device_id = x.d AND r.metric = x.m "
            + "ORDER BY r.time DESC LIMIT 1) ON CONFLICT DO NOTHING";
    private static final String INSERT_DEAD_LETTERS = "INSERT INTO dead_letter "
            + "(received_at, transport, topic, source, reason, field, detail, payload) "
            + "SELECT TIMESTAMPTZ 'epoch' + t * INTERVAL '1 millisecond', tr, tp, s, r, f, d, p "
            + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "AS x(t, tr, tp, s, r, f, d, p)";

    private BatchStatements() {
    }

    /**
     * Stores idempotency keys, each with the time of its reading.
     *
     * @return those the database did not hold
     */
    static Set<Key> insertKeys(Connection c, Map<Key, Long> unordered) throws SQLException {
        Map<Key, Long> keys = new TreeMap<>(Comparator.comparing(Key::source).thenComparing(Key::id));
        keys.putAll(unordered);
        Set<Key> fresh = new HashSet<>();
        if (keys.isEmpty()) {
            return fresh;
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_KEYS)) {
            p.setArray(1, c.createArrayOf("text", keys.keySet().stream().map(Key::source).toArray()));
            p.setArray(2, c.createArrayOf("text", keys.keySet().stream().map(Key::id).toArray()));
            p.setArray(3, c.createArrayOf("bigint", keys.values().toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    fresh.add(new Key(r.getString(1), r.getString(2)));
                }
            }
        }
        return fresh;
    }

    /**
     * The readings, each with its {@code event_id} ({@link Identity#storedEventId}); a row stored before is not
     * stored again.
     *
     * @return how many of the readings were new
     */
    static int insertReadings(Connection c, List<Reading> unordered) throws SQLException {
        List<Reading> readings = new ArrayList<>(unordered);
        readings.sort(Comparator.comparing(Reading::source).thenComparing(Reading::metric).thenComparing(Reading::time));
        try (PreparedStatement p = c.prepareStatement(INSERT_READINGS)) {
            bind(c, p, readings);
            p.setArray(5, c.createArrayOf("text", readings.stream().map(Identity::storedEventId).toArray()));
            return p.executeUpdate();
        }
    }

    /**
     * Retained statuses, each stored only when it differs from the last stored status of its device: the broker
     * sends the retained status again whenever a session subscribes, and storing it with that moment's time at
     * every start would write a change that did not happen.
     *
     * @return how many were stored
     */
    static int insertChangedStatuses(Connection c, List<Reading> statuses) throws SQLException {
        List<Reading> sorted = new ArrayList<>(statuses);
        sorted.sort(Comparator.comparing(Reading::source).thenComparing(Reading::time));
        try (PreparedStatement p = c.prepareStatement(INSERT_CHANGED_STATUSES)) {
            bind(c, p, sorted);
            return p.executeUpdate();
        }
    }

    static void insertRejections(Connection c, List<StoredRejection> rejections) throws SQLException {
        int n = rejections.size();
        Long[] t = new Long[n];
        String[][] cols = new String[7][n];
        for (int i = 0; i < n; i++) {
            StoredRejection d = rejections.get(i);
            t[i] = d.receivedAt().toEpochMilli();
            cols[0][i] = d.transport();
            cols[1][i] = d.topic();
            cols[2][i] = d.source();
            cols[3][i] = d.reason();
            cols[4][i] = d.field();
            cols[5][i] = d.detail();
            cols[6][i] = d.payload() == null ? null : d.payload().replace('\0', ' ');
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_DEAD_LETTERS)) {
            p.setArray(1, c.createArrayOf("bigint", t));
            for (int k = 0; k < 7; k++) {
                p.setArray(k + 2, c.createArrayOf("text", cols[k]));
            }
            p.executeUpdate();
        }
    }

    /** The readings' times, sources, metrics and values, in their order, as the statement's first four arrays. */
    private static void bind(Connection c, PreparedStatement p, List<Reading> readings) throws SQLException {
        int n = readings.size();
        Long[] times = new Long[n];
        String[] sources = new String[n];
        String[] metrics = new String[n];
        Double[] values = new Double[n];
        for (int i = 0; i < n; i++) {
            Reading r = readings.get(i);
            times[i] = r.time().toEpochMilli();
            sources[i] = r.source();
            metrics[i] = r.metric();
            values[i] = r.value();
        }
        p.setArray(1, c.createArrayOf("bigint", times));
        p.setArray(2, c.createArrayOf("text", sources));
        p.setArray(3, c.createArrayOf("text", metrics));
        p.setArray(4, c.createArrayOf("float8", values));
    }
}
