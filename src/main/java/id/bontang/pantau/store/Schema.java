package id.bontang.pantau.store;

import id.bontang.pantau.catalog.Area;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.catalog.MeasureSpec;
import id.bontang.pantau.catalog.Source;
import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/**
 * Brings a database to Pantau's schema: decides TimescaleDB or plain PostgreSQL, runs the migrations of
 * that mode (db/migration/common and db/migration/{mode}), applies the configured policies and writes
 * the catalog tables. Safe to run at every start, and by several instances at once (Flyway locks).
 */
final class Schema {

    private Schema() {
    }

    static Mode prepare(DataSource ds, StoreConfig config, Catalog catalog) throws SQLException {
        Mode mode;
        try (Connection c = ds.getConnection()) {
            mode = detect(c, config.mode());
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/" + mode.code)
                .load().migrate();
        try (Connection c = ds.getConnection()) {
            DayBuckets.ensure(c, mode, catalog.zone());
            if (mode == Mode.TIMESCALEDB) {
                policies(c, config);
            }
            writeCatalog(c, catalog);
            if (config.analystPassword().isPresent()) {
                analystLogin(c, config.analystPassword().get());
            }
        }
        return mode;
    }

    /** An existing schema keeps its mode; a new one is TimescaleDB when the extension can be created. */
    static Mode detect(Connection c, StoreConfig.Mode wanted) throws SQLException {
        boolean extension = exists(c, "SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
        if (exists(c, "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'reading'")) {
            boolean hypertable = extension && exists(c,
                    "SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'reading'");
            if (!hypertable && wanted == StoreConfig.Mode.TIMESCALEDB) {
                throw new SQLException("pantau.store.mode is timescaledb, but this database was built for plain PostgreSQL; "
                        + "migrate it as docs/operations.md describes");
            }
            return hypertable ? Mode.TIMESCALEDB : Mode.POSTGRESQL;
        }
        if (wanted == StoreConfig.Mode.POSTGRESQL) {
            return Mode.POSTGRESQL;
        }
        if (!extension && !exists(c, "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            if (wanted == StoreConfig.Mode.TIMESCALEDB) {
                throw new SQLException("pantau.store.mode is timescaledb, but the extension is not installed on this server");
            }
            return Mode.POSTGRESQL;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            return Mode.TIMESCALEDB;
        } catch (SQLException e) {
            if (wanted == StoreConfig.Mode.TIMESCALEDB) {
                throw e;
            }
            Log.warnf("Store: TimescaleDB is installed but cannot be used (%s); using plain PostgreSQL", e.getMessage());
            return Mode.POSTGRESQL;
        }
    }

    /** Lets the read-only role log in with the configured password (never logged, never sent in clear). */
    static void analystLogin(Connection c, String password) {
        try {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER ROLE pantau_analyst WITH LOGIN");
            }
            // Hashed (SCRAM) by the driver: the password itself never reaches the server's statement log.
            c.unwrap(PGConnection.class).alterUserPassword("pantau_analyst", password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            Log.warnf("Store: the analyst role cannot log in: its password was not set (%s)", e.getSQLState());
        }
    }

    /**
     * Retention, compression and aggregate refresh from the configuration: removed and added again, so a change
     * takes effect. Each continuous aggregate refreshes everything still held raw (and by itself): a reading
     * that arrives days late (ingest accepts up to pantau.ingest.retention) invalidates its buckets, and the next
     * refresh puts it there. Only invalidated buckets are recomputed, so the wide window costs little; it never
     * reaches past the raw retention, where a refresh would empty the aggregate.
     */
    static void policies(Connection c, StoreConfig config) throws SQLException {
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

    /** The catalog as tables, in one transaction; what left the catalog stays, marked inactive. */
    static void writeCatalog(Connection c, Catalog catalog) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String table : new String[] {"area", "device", "feed", "indicator"}) {
                s.executeUpdate("UPDATE " + table + " SET active = false");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO area (slug, name, kecamatan, lat, lon, hazard, active) "
                    + "VALUES (?, ?, ?, ?, ?, ?, true) ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, "
                    + "kecamatan = EXCLUDED.kecamatan, lat = EXCLUDED.lat, lon = EXCLUDED.lon, hazard = EXCLUDED.hazard, active = true")) {
                for (Area a : catalog.areas()) {
                    p.setString(1, a.slug());
                    p.setString(2, a.name());
                    p.setString(3, a.kecamatan());
                    p.setDouble(4, a.lat());
                    p.setDouble(5, a.lon());
                    p.setString(6, a.hazard());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement dev = c.prepareStatement("INSERT INTO device (id, kind, area_slug, name, cadence_s, waspada_cm, "
                    + "siaga_cm, awas_cm, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, true) ON CONFLICT (id) DO UPDATE SET "
                    + "kind = EXCLUDED.kind, area_slug = EXCLUDED.area_slug, name = EXCLUDED.name, cadence_s = EXCLUDED.cadence_s, "
                    + "waspada_cm = EXCLUDED.waspada_cm, siaga_cm = EXCLUDED.siaga_cm, awas_cm = EXCLUDED.awas_cm, active = true");
                    PreparedStatement feed = c.prepareStatement("INSERT INTO feed (id, name, area_slug, cadence_s, active) "
                            + "VALUES (?, ?, ?, ?, true) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
                            + "area_slug = EXCLUDED.area_slug, cadence_s = EXCLUDED.cadence_s, active = true");
                    PreparedStatement metric = c.prepareStatement("INSERT INTO metric (source_id, name, unit, min, max) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_id, name) DO UPDATE SET unit = EXCLUDED.unit, "
                            + "min = EXCLUDED.min, max = EXCLUDED.max")) {
                for (Source src : catalog.sources().values()) {
                    if (src.isFeed()) {
                        feed.setString(1, src.id());
                        feed.setString(2, src.name());
                        feed.setString(3, src.area());
                        feed.setInt(4, (int) src.cadence().toSeconds());
                        feed.addBatch();
                    } else {
                        dev.setString(1, src.id());
                        dev.setString(2, src.kind());
                        dev.setString(3, src.area());
                        dev.setString(4, src.name());
                        dev.setInt(5, (int) src.cadence().toSeconds());
                        setDouble(dev, 6, src.levels() == null ? null : src.levels().waspada());
                        setDouble(dev, 7, src.levels() == null ? null : src.levels().siaga());
                        setDouble(dev, 8, src.levels() == null ? null : src.levels().awas());
                        dev.addBatch();
                    }
                    for (var m : src.metrics().entrySet()) {
                        metric.setString(1, src.id());
                        metric.setString(2, m.getKey());
                        metric.setString(3, m.getValue().unit());
                        setDouble(metric, 4, Double.isFinite(m.getValue().min()) ? m.getValue().min() : null);
                        setDouble(metric, 5, Double.isFinite(m.getValue().max()) ? m.getValue().max() : null);
                        metric.addBatch();
                    }
                }
                dev.executeBatch();
                feed.executeBatch();
                metric.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO indicator (id, dimension, title_id, title_en, type, "
                    + "source_id, area_slug, sources, metric, time_window, aggregate, unit, warning, critical, direction, active) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true) ON CONFLICT (id) DO UPDATE SET "
                    + "dimension = EXCLUDED.dimension, title_id = EXCLUDED.title_id, title_en = EXCLUDED.title_en, "
                    + "type = EXCLUDED.type, source_id = EXCLUDED.source_id, area_slug = EXCLUDED.area_slug, "
                    + "sources = EXCLUDED.sources, metric = EXCLUDED.metric, time_window = EXCLUDED.time_window, "
                    + "aggregate = EXCLUDED.aggregate, unit = EXCLUDED.unit, warning = EXCLUDED.warning, "
                    + "critical = EXCLUDED.critical, direction = EXCLUDED.direction, active = true")) {
                for (IndicatorSpec i : catalog.indicators()) {
                    MeasureSpec v = i.value();
                    p.setString(1, i.id());
                    p.setString(2, i.dimension().code());
                    p.setString(3, i.title().id());
                    p.setString(4, i.title().en());
                    p.setString(5, i.type().name().toLowerCase(java.util.Locale.ROOT));
                    p.setString(6, i.source() == null ? null : i.source().id());
                    p.setString(7, i.area());
                    p.setArray(8, c.createArrayOf("text", (i.type() == IndicatorSpec.Type.WORST ? i.of() : i.sources()).toArray()));
                    p.setString(9, v == null ? null : v.metric());
                    p.setString(10, v == null ? null : v.window().toString());
                    p.setString(11, v == null ? null : v.aggregate().code());
                    p.setString(12, v == null ? null : v.unit());
                    setDouble(p, 13, v == null || v.thresholds() == null ? null : v.thresholds().warning());
                    setDouble(p, 14, v == null || v.thresholds() == null ? null : v.thresholds().critical());
                    p.setString(15, v == null || v.thresholds() == null ? null : v.thresholds().below() ? "below" : "above");
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** A PostgreSQL interval as people write it ("90 days"), so that the policies read well in the database. */
    static String interval(Duration d) {
        long s = d.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + " days" : s % 3600 == 0 ? s / 3600 + " hours" : s + " seconds";
    }

    private static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, v);
        }
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next();
        }
    }
}
