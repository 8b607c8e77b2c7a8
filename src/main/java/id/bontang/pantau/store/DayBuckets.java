package id.bontang.pantau.store;

import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;

/**
 * Makes {@code reading_1d}'s days the calendar days of the catalog's time zone ({@code city.timezone}), as the
 * wall's "today" and the series endpoint count them. The migrations create it for Asia/Makassar (WITA, Bontang);
 * for a city elsewhere it is rebuilt at start: a view is replaced, a continuous aggregate dropped and created
 * again (its refresh policy is applied right after, with the others, and real-time aggregation answers meanwhile).
 * Plain statements only, so that it runs over the simple query protocol too (the TimescaleDB test server).
 */
final class DayBuckets {

    private DayBuckets() {
    }

    static void ensure(Connection c, Mode mode, ZoneId zone) throws SQLException {
        String id = zone.getId();
        if (!id.matches("[A-Za-z0-9/_+\\-]+")) {
            throw new SQLException("time zone '" + id + "' cannot be written into SQL");
        }
        String definition = definition(c, mode);
        if (definition == null || definition.contains("'" + id + "'")) {
            return;
        }
        Log.infof("Store: reading_1d counts days in %s (the catalog's time zone): rebuilding it", id);
        boolean auto = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            if (mode == Mode.TIMESCALEDB) {
                c.setAutoCommit(true); // continuous aggregates are not created inside a transaction block
                s.execute("DROP MATERIALIZED VIEW reading_1d");
                s.execute("CREATE MATERIALIZED VIEW reading_1d WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS "
                        + "SELECT time_bucket(INTERVAL '1 day', time, '" + id + "') AS bucket, device_id, metric, "
                        + "avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count, sum(value) AS sum "
                        + "FROM reading GROUP BY bucket, device_id, metric WITH NO DATA");
            } else {
                s.execute("CREATE OR REPLACE VIEW reading_1d AS SELECT (date_trunc('day', time AT TIME ZONE '" + id
                        + "') AT TIME ZONE '" + id + "') AS bucket, device_id, metric, avg(value) AS avg, min(value) AS min, "
                        + "max(value) AS max, count(*) AS count, sum(value) AS sum FROM reading GROUP BY 1, device_id, metric");
            }
            s.execute("GRANT SELECT ON reading_1d TO pantau_analyst");
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static String definition(Connection c, Mode mode) throws SQLException {
        String sql = mode == Mode.TIMESCALEDB
                ? "SELECT view_definition FROM timescaledb_information.continuous_aggregates WHERE view_name = 'reading_1d'"
                : "SELECT pg_get_viewdef('reading_1d'::regclass)";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
