package id.bontang.pantau.store;

import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * TimescaleDB's side of the schema that migrations cannot hold: the policies, which follow the configuration and
 * so are set again at every start, and the continuous aggregates' completion after migration V13.
 */
final class Policies {

    private Policies() {
    }

    /**
     * Retention, compression and aggregate refresh from the configuration: removed and added again, so a change
     * takes effect. Each continuous aggregate refreshes everything still held raw (and by itself): a reading
     * that arrives days late (ingest accepts up to pantau.ingest.retention) invalidates its buckets, and the next
     * refresh puts it there. Only invalidated buckets are recomputed, so the wide window costs little; it never
     * reaches past the raw retention, where a refresh would empty the aggregate.
     */
    static void apply(Connection c, StoreConfig config) throws SQLException {
        StoreConfig.Retention r = config.retention();
        retention(c, "reading", r.raw());
        retention(c, "reading_1m", r.minutely());
        retention(c, "reading_1h", r.hourly());
        retention(c, "reading_1d", r.daily().orElse(null));
        refresh(c, "reading_1m", min(r.raw(), r.minutely()), "1 minute", "1 minute");
        refresh(c, "reading_1h", min(r.raw(), r.hourly()), "1 hour", "5 minutes");
        refresh(c, "reading_1d", min(r.raw(), r.daily().orElse(r.raw())), "1 hour", "15 minutes");
        try (PreparedStatement remove = c.prepareStatement("SELECT remove_compression_policy('reading', if_exists => true)");
                PreparedStatement add = c.prepareStatement("SELECT add_compression_policy('reading', ?::interval)")) {
            remove.execute();
            add.setString(1, interval(config.compressAfter()));
            add.execute();
        }
    }

    /** The continuous aggregates, finest first. */
    static final String[] AGGREGATES = {"reading_1m", "reading_1h", "reading_1d"};

    /**
     * Finishes what migration V13 (timescaledb) began when it dropped the continuous aggregates to give them
     * {@code sum}: refreshes the new ones from all the raw readings, then puts back the rows it set aside in
     * {@code reading_aggregate_carry} (buckets from before the oldest raw reading, whose raw rows retention has
     * dropped), with {@code sum = avg * count}, where the refresh found nothing or fewer readings, and drops that
     * table. Nothing to do when the table is absent (every start after that one). Idempotent: a start that stops
     * in between refreshes again and puts back the same rows; two instances starting at once take turns (an
     * advisory lock). A carried day of another time zone than reading_1d's now (the catalog's zone changed at the
     * same start) is not put back: its buckets would not be days there. Plain statements only (the simple query
     * protocol of the TimescaleDB test server).
     */
    static void carryAggregates(Connection c, java.time.ZoneId zone) throws SQLException {
        if (!Schema.exists(c, "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'reading_aggregate_carry'")) {
            return;
        }
        boolean auto = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(true); // a refresh cannot run inside a transaction block
            for (String view : AGGREGATES) {
                s.execute("CALL refresh_continuous_aggregate('" + view + "', NULL, NULL)");
            }
            c.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(hashtext('pantau.reading_aggregate_carry'))");
            if (!Schema.exists(c, "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() "
                    + "AND tablename = 'reading_aggregate_carry'")) {
                c.commit(); // another instance finished it meanwhile
                return;
            }
            String day = DayBuckets.definition(c, Mode.TIMESCALEDB);
            int carried = 0;
            for (String view : AGGREGATES) {
                String table = materialization(c, view);
                String which = "k.view_name = '" + view + "'"
                        + (view.equals("reading_1d") ? " AND k.zone = '" + zoneOf(day, zone) + "'" : "");
                String same = "k.bucket = m.bucket AND k.device_id = m.device_id AND k.metric = m.metric";
                // A bucket the refresh found with fewer readings than it had lost some to retention.
                carried += s.executeUpdate("UPDATE " + table + " m SET avg = k.avg, min = k.min, max = k.max, "
                        + "count = k.count, sum = k.avg * k.count FROM reading_aggregate_carry k WHERE " + which + " AND "
                        + same + " AND k.count > m.count");
                carried += s.executeUpdate("INSERT INTO " + table + " (bucket, device_id, metric, avg, min, max, count, sum) "
                        + "SELECT k.bucket, k.device_id, k.metric, k.avg, k.min, k.max, k.count, k.avg * k.count "
                        + "FROM reading_aggregate_carry k WHERE " + which + " AND NOT EXISTS (SELECT 1 FROM " + table
                        + " m WHERE " + same + ")");
            }
            s.execute("DROP TABLE reading_aggregate_carry");
            c.commit();
            Log.infof("Store: the aggregates have sum now (migration V13): refreshed from the raw readings, and %d "
                    + "older rows kept", carried);
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The time zone a reading_1d definition counts days in, or {@code zone} when it does not say. */
    private static String zoneOf(String definition, java.time.ZoneId zone) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([A-Za-z0-9/_+\\-]+)'::text").matcher(
                definition == null ? "" : definition);
        return m.find() ? m.group(1) : zone.getId();
    }

    /** The hypertable that holds a continuous aggregate's materialized rows, quoted for SQL. */
    private static String materialization(Connection c, String view) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT format('%I.%I', "
                + "materialization_hypertable_schema, materialization_hypertable_name) FROM "
                + "timescaledb_information.continuous_aggregates WHERE view_name = '" + view + "'")) {
            if (!r.next()) {
                throw new SQLException(view + " is not a continuous aggregate");
            }
            return r.getString(1);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void refresh(Connection c, String view, Duration window, String endOffset, String every)
            throws SQLException {
        try (PreparedStatement remove = c.prepareStatement("SELECT remove_continuous_aggregate_policy(?, if_exists => true)");
                PreparedStatement add = c.prepareStatement("SELECT add_continuous_aggregate_policy(?, start_offset => "
                        + "?::interval, end_offset => ?::interval, schedule_interval => ?::interval)")) {
            remove.setString(1, view);
            remove.execute();
            add.setString(1, view);
            add.setString(2, interval(window));
            add.setString(3, endOffset);
            add.setString(4, every);
            add.execute();
        }
    }

    private static void retention(Connection c, String relation, Duration keep) throws SQLException {
        try (PreparedStatement remove = c.prepareStatement("SELECT remove_retention_policy(?, if_exists => true)")) {
            remove.setString(1, relation);
            remove.execute();
        }
        if (keep != null) {
            try (PreparedStatement add = c.prepareStatement("SELECT add_retention_policy(?, ?::interval)")) {
                add.setString(1, relation);
                add.setString(2, interval(keep));
                add.execute();
            }
        }
    }

    /** A PostgreSQL interval as people write it ("90 days"), so that the policies read well in the database. */
    static String interval(Duration d) {
        long s = d.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + " days" : s % 3600 == 0 ? s / 3600 + " hours" : s + " seconds";
    }
}
