package id.bontang.pantau.store;

import id.bontang.pantau.catalog.Catalog;
import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings a database to Pantau's schema: decides TimescaleDB or plain PostgreSQL, runs the migrations of
 * that mode (db/migration/common and db/migration/{mode}), then has the configured policies applied
 * ({@link Policies}), the catalog tables written ({@link CatalogTables}) and the analyst's login given
 * ({@link AnalystRole}). Safe to run at every start, and by several instances at once (Flyway locks).
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
                Policies.carryAggregates(c, catalog.zone());
                Policies.apply(c, config);
            }
            CatalogTables.write(c, catalog);
            if (config.analystPassword().isPresent()) {
                AnalystRole.allowLogin(c, config.analystPassword().get());
            }
        }
        return mode;
    }

    /** What the database says about itself, for {@link #decide}. */
    record Facts(boolean schema, boolean hypertable, boolean extension, boolean available) {
    }

    /** What to do about the mode: use one, or try to create the extension first. */
    enum Decision {
        TIMESCALEDB, PLAIN, CREATE_EXTENSION
    }

    /**
     * Decides the schema's mode: an existing schema keeps its own (a plain one stays plain: moving it is a dump and a
     * reload); a new one is TimescaleDB when the server has it and plain when it has not, unless the mode is chosen.
     * A server that has it but cannot use it refuses the start ({@link #unusable}), so that a setup mistake never
     * makes a database plain for good.
     *
     * @throws StoreRefused when the chosen mode cannot be had
     */
    static Decision decide(StoreConfig.Mode wanted, Facts f) {
        boolean plain = wanted == StoreConfig.Mode.PLAIN || wanted == StoreConfig.Mode.POSTGRESQL;
        if (f.schema()) {
            if (!f.hypertable() && wanted == StoreConfig.Mode.TIMESCALEDB) {
                throw new StoreRefused("PANTAU_STORE_MODE is timescaledb, but this database was built for plain PostgreSQL "
                        + "and stays so; move it to a new TimescaleDB database with a dump and a reload of reading "
                        + "(docs/operations.md), or set PANTAU_STORE_MODE=auto to keep it plain");
            }
            return f.hypertable() ? Decision.TIMESCALEDB : Decision.PLAIN;
        }
        if (plain) {
            return Decision.PLAIN;
        }
        if (f.extension()) {
            return Decision.TIMESCALEDB;
        }
        if (!f.available()) {
            if (wanted == StoreConfig.Mode.TIMESCALEDB) {
                throw new StoreRefused("PANTAU_STORE_MODE is timescaledb, but this PostgreSQL server has no TimescaleDB "
                        + "(not in pg_available_extensions): install it and add it to shared_preload_libraries, or set "
                        + "PANTAU_STORE_MODE=plain for plain PostgreSQL");
            }
            return Decision.PLAIN;
        }
        return Decision.CREATE_EXTENSION;
    }

    /**
     * The refusal for a server that lists TimescaleDB but on which it cannot be created, with the fix. The usual cause:
     * the library is installed but not preloaded, and TimescaleDB's loader then ends the session with a FATAL error
     * ("extension "timescaledb" must be preloaded").
     */
    static StoreRefused unusable(SQLException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("").trim();
        String fix = reason.contains("must be preloaded")
                ? "TimescaleDB is installed on this PostgreSQL server but not preloaded: add timescaledb to "
                        + "shared_preload_libraries in postgresql.conf and restart PostgreSQL"
                : "TimescaleDB is installed on this PostgreSQL server but cannot be created in this database (create it "
                        + "as a superuser: CREATE EXTENSION timescaledb)";
        return new StoreRefused(fix + ", or set PANTAU_STORE_MODE=plain to build a plain PostgreSQL schema, which stays "
                + "plain (" + reason + ")", e);
    }

    /**
     * The mode of the database behind {@code c}, creating the TimescaleDB extension when a new schema gets it.
     * After a refusal {@code c} must not be used again: the failed {@code CREATE EXTENSION} may have ended its
     * session, and it is discarded (a pool drops it instead of handing it out again).
     *
     * @throws StoreRefused when the mode cannot be had (the message names the fix)
     */
    static Mode detect(Connection c, StoreConfig.Mode wanted) throws SQLException {
        boolean extension = exists(c, "SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
        boolean schema = exists(c, "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'reading'");
        Facts facts = new Facts(schema, schema && extension && exists(c,
                "SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'reading'"), extension,
                extension || exists(c, "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'"));
        Decision d = decide(wanted, facts);
        if (d == Decision.PLAIN && facts.schema() && facts.available()) {
            Log.infof("Store: this database was built for plain PostgreSQL and stays so, though the server has TimescaleDB "
                    + "(moving it is a dump and a reload: docs/operations.md)");
        } else if (d == Decision.TIMESCALEDB && facts.schema() && wanted != StoreConfig.Mode.AUTO
                && wanted != StoreConfig.Mode.TIMESCALEDB) {
            Log.infof("Store: PANTAU_STORE_MODE is %s, but this database was built for TimescaleDB and stays so",
                    wanted.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (d != Decision.CREATE_EXTENSION) {
            return d == Decision.TIMESCALEDB ? Mode.TIMESCALEDB : Mode.POSTGRESQL;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            return Mode.TIMESCALEDB;
        } catch (SQLException e) {
            discard(c);
            // A connection lost on the way is an outage (tried again later), not the server's answer about TimescaleDB.
            if (Failures.unavailable(e) && (e.getMessage() == null || !e.getMessage().toLowerCase(java.util.Locale.ROOT)
                    .contains("timescaledb"))) {
                throw e;
            }
            throw unusable(e);
        }
    }

    /** Ends a connection for good: closed by the server perhaps, it must not go back to a pool as usable. */
    private static void discard(Connection c) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            Log.debugf("Store: connection not aborted: %s", e.getMessage());
        }
    }

    /** Whether {@code sql} finds a row. */
    static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next();
        }
    }
}
