package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.support.Pglite;
import id.bontang.pantau.support.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pantau's SQL on both kinds of database: TimescaleDB (PGlite, WebAssembly) and plain PostgreSQL (the
 * machine's). The same code builds each schema and the same names answer the same queries with the same numbers.
 */
class SchemaModesTest {

    static final Catalog CATALOG = CatalogProducer.builtIn();
    static final OffsetDateTime START = OffsetDateTime.parse("2026-11-20T00:00:00+08:00");
    static final int READINGS = 288; // every 10 minutes for two WITA days, value k % 7

    @Test
    void verifiesTheTimescaledbSchemaPoliciesAndQueries() throws Exception {
        try (Pglite pglite = new Pglite(); Connection c = pglite.connect()) {
            assertThat(Schema.detect(c, StoreConfig.Mode.AUTO)).isEqualTo(Mode.TIMESCALEDB);
            migrate(c, Mode.TIMESCALEDB);
            Policies.apply(c, Defaults.CONFIG);
            assertThat(rows(c, "SELECT hypertable_name, compression_enabled FROM timescaledb_information.hypertables"))
                    .containsExactly("reading|t");
            assertThat(rows(c, "SELECT view_name, materialized_only FROM timescaledb_information.continuous_aggregates "
                    + "ORDER BY view_name")).containsExactly("reading_1d|f", "reading_1h|f", "reading_1m|f");
            assertThat(rows(c, "SELECT hypertable_name FROM timescaledb_information.jobs "
                    + "WHERE proc_name = 'policy_refresh_continuous_aggregate' ORDER BY 1")).hasSize(3);
            assertThat(rows(c, "SELECT hypertable_name, config->>'drop_after' FROM timescaledb_information.jobs "
                    + "WHERE proc_name = 'policy_retention' ORDER BY 1"))
                    .containsExactly("reading|90 days", "reading_1h|1825 days", "reading_1m|90 days");
            assertThat(rows(c, "SELECT config->>'compress_after' FROM timescaledb_information.jobs "
                    + "WHERE proc_name = 'policy_compression'")).containsExactly("7 days");
            // Applying the policies again (every start does) replaces them instead of failing or doubling.
            Policies.apply(c, Defaults.CONFIG);
            assertThat(rows(c, "SELECT 1 FROM timescaledb_information.jobs WHERE proc_name IN "
                    + "('policy_retention', 'policy_compression')")).hasSize(4);
            sameAnswers(c);
            // The analyst role reads the continuous aggregates and the catalog, and writes nothing.
            try (Statement st = c.createStatement()) {
                st.execute("SET ROLE pantau_analyst");
                assertThat(rows(c, "SELECT sum(count) FROM reading_1d WHERE device_id = 'wx-bontang'")).containsExactly("288");
                assertThat(rows(c, "SELECT count(*) FROM reading_1m WHERE device_id = 'wx-bontang'")).containsExactly("288");
                assertThatThrownBy(() -> st.execute("INSERT INTO reading VALUES (now(), 'x', 'y', 1)"))
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> st.execute("SELECT 1 FROM dead_letter")).isInstanceOf(SQLException.class);
                st.execute("RESET ROLE");
            }
            assertThat(rows(c, "SELECT view_name, j.config->>'start_offset' FROM timescaledb_information.jobs j "
                    + "JOIN timescaledb_information.continuous_aggregates a ON a.materialization_hypertable_name = j.hypertable_name "
                    + "OR a.view_name = j.hypertable_name WHERE proc_name = 'policy_refresh_continuous_aggregate' ORDER BY 1"))
                    .as("every aggregate refreshes all that ingest accepts").containsExactly("reading_1d|90 days",
                            "reading_1h|90 days", "reading_1m|90 days");
            lateReading(c, true);
        }
    }

    /** 18 Nov 2026, 00:00 WITA: the upgrade tests' three days of calls start here. */
    static final OffsetDateTime CALLS = OffsetDateTime.parse("2026-11-18T00:00:00+08:00");

    /** Three WITA days of the 112 line's calls, one record every 10 minutes, 1 + k % 5 calls; answers each day's total. */
    private static double[] threeDaysOfCalls(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO reading (time, device_id, metric, value, event_id) SELECT TIMESTAMPTZ '" + CALLS
                    + "' + k * INTERVAL '10 minutes', 'call112', 'calls', 1 + k % 5, 'call-' || k FROM generate_series(0, 431) k");
        }
        double[] day = new double[3];
        for (int k = 0; k < 432; k++) {
            day[k / 144] += 1 + k % 5;
        }
        return day;
    }

    /** What an aggregate holds, but its sum. */
    private static List<String> held(Connection c, String view) throws SQLException {
        return rows(c, "SELECT bucket, device_id, metric, count, avg, min, max FROM " + view + " ORDER BY bucket, device_id, metric");
    }

    /** Each WITA day's sum in reading_1d, and the history API's sums per day, against what was stored. */
    private static void daysAddUp(Connection c, double[] day) throws SQLException {
        List<String> sums = rows(c, "SELECT to_char(bucket AT TIME ZONE 'Asia/Makassar', 'YYYY-MM-DD'), sum FROM reading_1d "
                + "WHERE device_id = 'call112' AND metric = 'calls' ORDER BY bucket");
        assertThat(sums).hasSize(3);
        for (int d = 0; d < 3; d++) {
            assertThat(sums.get(d)).startsWith(CALLS.plusDays(d).toLocalDate() + "|");
            assertThat(Double.parseDouble(sums.get(d).substring(11))).as("day %d", d).isCloseTo(day[d], within(1e-9));
        }
        List<Map<String, Object>> points = SeriesResource.query(c, CATALOG.zone(), "call112", "calls", CALLS.toInstant(),
                CALLS.plusDays(3).toInstant(), Duration.ofDays(1));
        assertThat(points).hasSize(3);
        for (int d = 0; d < 3; d++) {
            assertThat((Double) points.get(d).get("sum")).as("the API's day %d", d).isCloseTo(day[d], within(1e-9));
        }
        assertThat(Double.parseDouble(rows(c, "SELECT sum(sum) FROM reading_1h WHERE device_id = 'call112'").get(0)))
                .isCloseTo(day[0] + day[1] + day[2], within(1e-9));
        for (String view : Policies.AGGREGATES) {
            assertThat(rows(c, "SELECT count(*) FROM " + view + " WHERE sum IS NULL OR abs(sum - avg * count) > 1e-9 * abs(sum)"))
                    .as(view).containsExactly("0");
        }
    }

    /**
     * Verifies that a TimescaleDB database of the previous version keeps its aggregates' history through migration V13,
     * which recreates them with sum: also the buckets whose raw readings retention has already dropped (the oldest WITA
     * day entirely, the next one's first 8 hours), which no refresh can compute again; that each day's sum is the total
     * stored; that the policies come back and the scheduler's refresh keeps it all; and that the analyst reads sum.
     */
    @Test
    void verifiesThatAnUpgradedTimescaledbDatabaseKeepsItsAggregatesHistoryAndGainsSum() throws Exception {
        try (Pglite pglite = new Pglite(); Connection c = pglite.connect()) {
            assertThat(Schema.detect(c, StoreConfig.Mode.AUTO)).isEqualTo(Mode.TIMESCALEDB);
            migrate(c, Mode.TIMESCALEDB, 1, 11);
            double[] day = threeDaysOfCalls(c);
            try (Statement st = c.createStatement()) {
                for (String view : Policies.AGGREGATES) {
                    st.execute("CALL refresh_continuous_aggregate('" + view + "', NULL, NULL)");
                }
                // The raw chunks of 17 and 18 Nov (UTC) go, as retention would drop them: 00:00 18 Nov to 08:00 19 Nov WITA.
                st.execute("SELECT drop_chunks('reading', older_than => TIMESTAMPTZ '2026-11-19 00:00:00+00')");
            }
            assertThat(rows(c, "SELECT count(*) FROM reading")).containsExactly(Integer.toString(432 - 48 - 144));
            Map<String, List<String>> before = new java.util.LinkedHashMap<>();
            for (String view : Policies.AGGREGATES) {
                before.put(view, held(c, view));
            }
            assertThat(before.get("reading_1d")).hasSize(3);
            assertThat(before.get("reading_1m")).hasSize(432);

            migrate(c, Mode.TIMESCALEDB, 12, Integer.MAX_VALUE);
            assertThat(rows(c, "SELECT count(*) FROM reading_aggregate_carry WHERE view_name = 'reading_1d'"))
                    .as("set aside: the days that start before the oldest raw reading").containsExactly("2");
            Policies.carryAggregates(c, CATALOG.zone());
            Policies.apply(c, Defaults.CONFIG);
            for (String view : Policies.AGGREGATES) {
                assertThat(held(c, view)).as(view).isEqualTo(before.get(view));
            }
            daysAddUp(c, day);
            assertThat(rows(c, "SELECT 1 FROM pg_tables WHERE tablename = 'reading_aggregate_carry'")).isEmpty();
            assertThat(rows(c, "SELECT hypertable_name FROM timescaledb_information.jobs "
                    + "WHERE proc_name = 'policy_refresh_continuous_aggregate'")).hasSize(3);
            assertThat(rows(c, "SELECT hypertable_name FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention'"))
                    .hasSize(3);

            // What the scheduler does next keeps it all; a later start has nothing to carry.
            for (String job : rows(c, "SELECT job_id FROM timescaledb_information.jobs "
                    + "WHERE proc_name = 'policy_refresh_continuous_aggregate'")) {
                c.createStatement().execute("CALL run_job(" + Integer.parseInt(job) + ")");
            }
            Policies.carryAggregates(c, CATALOG.zone());
            for (String view : Policies.AGGREGATES) {
                assertThat(held(c, view)).as(view + " after the refresh policies ran").isEqualTo(before.get(view));
            }
            daysAddUp(c, day);
            try (Statement st = c.createStatement()) {
                st.execute("SET ROLE pantau_analyst");
                assertThat(rows(c, "SELECT count(*) FROM reading_1d WHERE sum > 0")).containsExactly("3");
                assertThat(rows(c, "SELECT count(*) FROM reading_1m WHERE sum > 0")).containsExactly("432");
                st.execute("RESET ROLE");
            }
        }
    }

    /**
     * Verifies that a TimescaleDB database of the previous version built for a city outside WITA (reading_1d counting
     * WIB days) keeps its days through V13: the migration writes WITA days, Pantau rebuilds them for the catalog's zone,
     * and the days set aside, counted in that zone, come back; set aside in another zone than the catalog's, they would not.
     */
    @Test
    void verifiesThatAnUpgradedTimescaledbDatabaseOfAnotherZoneKeepsItsDays() throws Exception {
        java.time.ZoneId wib = java.time.ZoneId.of("Asia/Jakarta");
        try (Pglite pglite = new Pglite(); Connection c = pglite.connect()) {
            assertThat(Schema.detect(c, StoreConfig.Mode.AUTO)).isEqualTo(Mode.TIMESCALEDB);
            migrate(c, Mode.TIMESCALEDB, 1, 11);
            try (Statement st = c.createStatement()) {
                // As the previous version's DayBuckets left it for a WIB city.
                st.execute("DROP MATERIALIZED VIEW reading_1d");
                st.execute("CREATE MATERIALIZED VIEW reading_1d WITH (timescaledb.continuous, timescaledb.materialized_only = false) "
                        + "AS SELECT time_bucket(INTERVAL '1 day', time, 'Asia/Jakarta') AS bucket, device_id, metric, avg(value) AS avg, "
                        + "min(value) AS min, max(value) AS max, count(*) AS count FROM reading GROUP BY bucket, device_id, metric "
                        + "WITH NO DATA");
            }
            threeDaysOfCalls(c);
            try (Statement st = c.createStatement()) {
                st.execute("CALL refresh_continuous_aggregate('reading_1d', NULL, NULL)");
                st.execute("SELECT drop_chunks('reading', older_than => TIMESTAMPTZ '2026-11-19 00:00:00+00')");
            }
            List<String> before = held(c, "reading_1d");
            assertThat(before).hasSize(4).first().asString().startsWith("2026-11-16 17:00:00+00"); // WIB midnight: 23:00 WIB was the first call
            migrate(c, Mode.TIMESCALEDB, 12, Integer.MAX_VALUE);
            DayBuckets.ensure(c, Mode.TIMESCALEDB, wib);
            Policies.carryAggregates(c, wib);
            assertThat(held(c, "reading_1d")).isEqualTo(before);
            assertThat(rows(c, "SELECT count(*) FROM reading_1d WHERE sum IS NULL OR abs(sum - avg * count) > 1e-9 * sum"))
                    .containsExactly("0");
        }
    }

    /**
     * Verifies that a plain PostgreSQL database of the previous version gains sum in its aggregate views (the last
     * column, so that what reads them by position still works), answering the same rows as before, and that the
     * metric table gains its type, filled from the catalog.
     */
    @Test
    void verifiesThatAnUpgradedPlainDatabaseKeepsItsAggregatesAndGainsSumAndTypes() throws Exception {
        try (Postgres db = new Postgres(); Connection c = db.connect()) {
            migrate(c, Mode.POSTGRESQL, 1, 11);
            double[] day = threeDaysOfCalls(c);
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO metric (source_id, name, unit, min, max) VALUES ('call112', 'calls', 'count', 0, 100000)");
            }
            Map<String, List<String>> before = new java.util.LinkedHashMap<>();
            for (String view : Policies.AGGREGATES) {
                before.put(view, held(c, view));
            }
            migrate(c, Mode.POSTGRESQL, 12, Integer.MAX_VALUE);
            DayBuckets.ensure(c, Mode.POSTGRESQL, CATALOG.zone());
            for (String view : Policies.AGGREGATES) {
                assertThat(held(c, view)).as(view).isEqualTo(before.get(view));
                assertThat(rows(c, "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
                        + "WHERE table_name = '" + view + "'")).containsExactly("bucket,device_id,metric,avg,min,max,count,sum");
            }
            daysAddUp(c, day);
            assertThat(rows(c, "SELECT type FROM metric WHERE source_id = 'call112'")).as("until the catalog is written")
                    .containsExactly("state");
            CatalogTables.write(c, CATALOG);
            assertThat(rows(c, "SELECT type FROM metric WHERE source_id = 'call112' AND name = 'calls'")).containsExactly("increment");
            assertThat(rows(c, "SELECT type, count(*) > 0 FROM metric GROUP BY type ORDER BY type"))
                    .containsExactly("increment|t", "state|t", "total|t");
            try (Statement st = c.createStatement()) {
                st.execute("SET ROLE pantau_analyst");
                assertThat(rows(c, "SELECT count(*) FROM reading_1d WHERE sum > 0")).containsExactly("3");
                assertThat(rows(c, "SELECT count(*) FROM metric WHERE type = 'increment'")).isNotEqualTo(List.of("0"));
                st.execute("RESET ROLE");
                assertThatThrownBy(() -> st.execute("UPDATE metric SET type = 'level'")).as("three kinds only")
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    /** A reading at 23:30 WIB on 1 December is 00:30 WITA on the 2nd: its day depends on the catalog's zone. */
    static void daysInTheCatalogsZone(Connection c, Mode mode) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO reading VALUES ('2026-12-01T16:30:00Z', 'zone-probe', 'x', 1)");
        }
        String day = "SELECT to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI') FROM reading_1d WHERE device_id = 'zone-probe'";
        DayBuckets.ensure(c, mode, java.time.ZoneId.of("Asia/Makassar"));
        assertThat(rows(c, day)).as("the migrations' WITA day").containsExactly("2026-12-01T16:00");
        DayBuckets.ensure(c, mode, java.time.ZoneId.of("Asia/Jakarta"));
        assertThat(rows(c, day)).as("a WIB city's day").containsExactly("2026-11-30T17:00");
        assertThat(rows(c, "SELECT count, sum FROM reading_1d WHERE device_id = 'zone-probe'")).as("rebuilt with its sum")
                .containsExactly("1|1");
        DayBuckets.ensure(c, mode, java.time.ZoneId.of("Asia/Jakarta")); // again: nothing to do
        assertThat(rows(c, day)).containsExactly("2026-11-30T17:00");
        try (Statement st = c.createStatement()) {
            st.execute("SET ROLE pantau_analyst");
            assertThat(rows(c, day)).as("the analyst still reads it").hasSize(1);
            st.execute("RESET ROLE");
            st.execute("DELETE FROM reading WHERE device_id = 'zone-probe'");
        }
        DayBuckets.ensure(c, mode, java.time.ZoneId.of("Asia/Makassar"));
    }

    @Test
    void verifiesThatDaysAreTheCatalogsOnTimescaledbAndPlainPostgresql() throws Exception {
        try (Pglite pglite = new Pglite(); Connection c = pglite.connect()) {
            assertThat(Schema.detect(c, StoreConfig.Mode.AUTO)).isEqualTo(Mode.TIMESCALEDB);
            migrate(c, Mode.TIMESCALEDB);
            daysInTheCatalogsZone(c, Mode.TIMESCALEDB);
        }
        try (id.bontang.pantau.support.Postgres db = new id.bontang.pantau.support.Postgres(); Connection c = db.connect()) {
            migrate(c, Mode.POSTGRESQL);
            daysInTheCatalogsZone(c, Mode.POSTGRESQL);
        }
    }

    @Test
    void verifiesThePlainPostgresqlSchemaAndQueries() throws Exception {
        try (Postgres db = new Postgres(); Connection c = db.connect()) {
            // Chosen, so that nothing is tried on this connection: a server that lists TimescaleDB without preloading
            // it ends the session of a CREATE EXTENSION, and this connection is used below.
            assertThat(Schema.detect(c, StoreConfig.Mode.PLAIN)).isEqualTo(Mode.POSTGRESQL);
            migrate(c, Mode.POSTGRESQL);
            sameAnswers(c);
            lateReading(c, false);
        }
    }

    /** Verifies every decision of the mode: an existing schema keeps its own, a new one gets what the server can give. */
    @Test
    void verifiesTheDecisionOfTheMode() {
        Schema.Facts none = new Schema.Facts(false, false, false, false);
        Schema.Facts listed = new Schema.Facts(false, false, false, true);
        Schema.Facts created = new Schema.Facts(false, false, true, true);
        Schema.Facts plainBuilt = new Schema.Facts(true, false, false, true);
        Schema.Facts timescaleBuilt = new Schema.Facts(true, true, true, true);
        assertThat(Schema.decide(StoreConfig.Mode.AUTO, none)).isEqualTo(Schema.Decision.PLAIN);
        assertThat(Schema.decide(StoreConfig.Mode.AUTO, listed)).as("tried, and refused if it fails")
                .isEqualTo(Schema.Decision.CREATE_EXTENSION);
        assertThat(Schema.decide(StoreConfig.Mode.TIMESCALEDB, listed)).isEqualTo(Schema.Decision.CREATE_EXTENSION);
        assertThat(Schema.decide(StoreConfig.Mode.AUTO, created)).isEqualTo(Schema.Decision.TIMESCALEDB);
        assertThat(Schema.decide(StoreConfig.Mode.PLAIN, listed)).isEqualTo(Schema.Decision.PLAIN);
        assertThat(Schema.decide(StoreConfig.Mode.POSTGRESQL, created)).as("the earlier name").isEqualTo(Schema.Decision.PLAIN);
        assertThat(Schema.decide(StoreConfig.Mode.AUTO, plainBuilt)).as("a plain database stays plain")
                .isEqualTo(Schema.Decision.PLAIN);
        assertThat(Schema.decide(StoreConfig.Mode.PLAIN, timescaleBuilt)).isEqualTo(Schema.Decision.TIMESCALEDB);
        assertThatThrownBy(() -> Schema.decide(StoreConfig.Mode.TIMESCALEDB, none)).isInstanceOf(StoreRefused.class)
                .hasMessageContaining("shared_preload_libraries").hasMessageContaining("PANTAU_STORE_MODE=plain");
        assertThatThrownBy(() -> Schema.decide(StoreConfig.Mode.TIMESCALEDB, plainBuilt)).isInstanceOf(StoreRefused.class)
                .hasMessageContaining("dump and a reload");
    }

    /**
     * Verifies that the error of TimescaleDB's loader when the library is not preloaded becomes a refusal that names
     * both ways out: preload it, or choose plain.
     */
    @Test
    void verifiesThatTimescaledbNotPreloadedIsRefusedWithTheFix() {
        // The server's words (timescaledb src/loader/loader.c), as the driver reports the FATAL error.
        StoreRefused r = Schema.unusable(new SQLException("FATAL: extension \"timescaledb\" must be preloaded\n  Hint: Please "
                + "preload the timescaledb library via shared_preload_libraries.", "XX000"));
        assertThat(r).hasMessageStartingWith("TimescaleDB is installed on this PostgreSQL server but not preloaded: add "
                + "timescaledb to shared_preload_libraries in postgresql.conf and restart PostgreSQL, or set "
                + "PANTAU_STORE_MODE=plain").hasMessageEndingWith("(FATAL: extension \"timescaledb\" must be preloaded)");
        assertThat(Schema.unusable(new SQLException("ERROR: permission denied to create extension \"timescaledb\"")))
                .hasMessageContaining("create it as a superuser").hasMessageContaining("PANTAU_STORE_MODE=plain");
    }

    /**
     * Verifies on the machine's PostgreSQL that a server listing TimescaleDB that cannot create it refuses the start and
     * builds nothing (never a plain schema by default), that the connection of the failed attempt is discarded and a new
     * one works, that choosing plain builds plain, and that a database built plain stays plain. The machine has no
     * TimescaleDB: a view shadowing {@code pg_available_extensions} makes the server list it, and its
     * {@code CREATE EXTENSION} then fails as an unusable one does.
     */
    @Test
    void verifiesThatTimescaledbListedButUnusableRefusesTheStartInsteadOfBuildingPlain() throws Exception {
        try (Postgres db = new Postgres()) {
            try (Connection c = db.connect()) {
                boolean listed = !rows(c, "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'").isEmpty();
                if (listed) {
                    assertThatThrownBy(() -> Schema.detect(c, StoreConfig.Mode.AUTO)).isInstanceOf(StoreRefused.class);
                } else {
                    assertThat(Schema.detect(c, StoreConfig.Mode.AUTO)).as("no TimescaleDB on the server").isEqualTo(Mode.POSTGRESQL);
                }
            }
            db.execute("CREATE SCHEMA listed");
            db.execute("CREATE VIEW listed.pg_available_extensions AS SELECT 'timescaledb'::name AS name");
            db.execute("ALTER DATABASE " + db.name() + " SET search_path = public, listed, pg_catalog");
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setUrl(db.url());
            ds.setUser(Postgres.USER);

            Connection attempt = ds.getConnection();
            assertThatThrownBy(() -> Schema.detect(attempt, StoreConfig.Mode.AUTO)).isInstanceOf(StoreRefused.class)
                    .hasMessageContaining("cannot be created").hasMessageContaining("PANTAU_STORE_MODE=plain");
            assertThat(attempt.isClosed()).as("the failed attempt's connection is discarded, not used again").isTrue();
            assertThatThrownBy(() -> Schema.prepare(ds, Defaults.CONFIG, CATALOG)).isInstanceOf(StoreRefused.class);
            assertThat(db.number("SELECT count(*) FROM pg_tables WHERE tablename IN ('reading', 'flyway_schema_history')"))
                    .as("nothing built").isZero();

            StoreConfig plain = id.bontang.pantau.support.Configs.of(StoreConfig.class, Map.of("pantau.store.mode", "plain"));
            assertThat(Schema.prepare(ds, plain, CATALOG)).isEqualTo(Mode.POSTGRESQL);
            assertThat(Schema.prepare(ds, Defaults.CONFIG, CATALOG)).as("built plain, it stays plain").isEqualTo(Mode.POSTGRESQL);
            StoreConfig timescale = id.bontang.pantau.support.Configs.of(StoreConfig.class, Map.of("pantau.store.mode", "timescaledb"));
            assertThatThrownBy(() -> Schema.prepare(ds, timescale, CATALOG)).isInstanceOf(StoreRefused.class)
                    .hasMessageContaining("stays so");
        }
    }

    /**
     * A reading that arrives ten days late, after its buckets were materialized, reaches every aggregate that
     * covers its time: the refresh policies cover all that ingest accepts (on plain PostgreSQL the aggregates
     * are views, always current).
     */
    private static void lateReading(Connection c, boolean timescale) throws SQLException {
        List<String> jobs = timescale ? rows(c, "SELECT job_id FROM timescaledb_information.jobs "
                + "WHERE proc_name = 'policy_refresh_continuous_aggregate'") : List.of();
        for (String job : jobs) {
            c.createStatement().execute("CALL run_job(" + Integer.parseInt(job) + ")"); // what the scheduler does
        }
        String day = "FROM reading_1d WHERE device_id = 'wx-bontang' AND bucket = TIMESTAMPTZ '2026-11-20 00:00+08'";
        assertThat(rows(c, "SELECT count, max " + day)).as("materialized before the late reading").containsExactly("144|6");
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO reading (time, device_id, metric, value) "
                    + "VALUES (TIMESTAMPTZ '2026-11-20 00:01:00+08', 'wx-bontang', 'wind_speed', 60)");
        }
        for (String job : jobs) {
            c.createStatement().execute("CALL run_job(" + Integer.parseInt(job) + ")");
        }
        assertThat(rows(c, "SELECT count, max " + day)).containsExactly("145|60");
        assertThat(rows(c, "SELECT count, max FROM reading_1h WHERE device_id = 'wx-bontang' "
                + "AND bucket = TIMESTAMPTZ '2026-11-20 00:00+08'")).containsExactly("7|60");
        assertThat(rows(c, "SELECT count, avg FROM reading_1m WHERE device_id = 'wx-bontang' "
                + "AND bucket = TIMESTAMPTZ '2026-11-20 00:01+08'")).containsExactly("1|60");
        assertThat(SeriesResource.query(c, CATALOG.zone(), "wx-bontang", "wind_speed", START.toInstant(),
                START.plusMinutes(5).toInstant(), Duration.ofMinutes(1))).as("and the history the wall's API serves")
                .hasSize(2);
    }

    /** What both modes must answer alike: catalog tables, idempotent inserts, aggregates, history, warm start. */
    private static void sameAnswers(Connection c) throws SQLException {
        CatalogTables.write(c, CATALOG);
        CatalogTables.write(c, CATALOG);
        assertThat(rows(c, "SELECT count(*) FROM device WHERE active")).containsExactly("103");
        assertThat(rows(c, "SELECT d.name, a.name FROM device d JOIN area a ON a.slug = d.area_slug WHERE d.id = 'tide-loktuan'"))
                .containsExactly("Pasut Loktuan|Loktuan");

        List<Reading> readings = new ArrayList<>();
        for (int k = 0; k < READINGS; k++) {
            readings.add(new Reading("wx-bontang", "wind_speed", START.plusMinutes(10L * k).toInstant(), k % 7, "m/s"));
        }
        c.setAutoCommit(false);
        assertThat(BatchStatements.insertReadings(c, readings)).isEqualTo(READINGS);
        assertThat(BatchStatements.insertReadings(c, readings)).as("a redelivery stores nothing twice").isZero();
        BatchStatements.insertRejections(c, List.of(new StoredRejection(Instant.now(), "mqtt", "pantau/v1/x", null,
                "unknown-topic", null, "topic 'x' is not …", "{}")));
        c.commit();
        c.setAutoCommit(true);
        assertThat(rows(c, "SELECT count(*) FROM reading")).containsExactly("288");
        assertThat(rows(c, "SELECT count(*) FROM dead_letter WHERE reason = 'unknown-topic'")).containsExactly("1");

        // The names analysts use, with WITA day buckets.
        assertThat(rows(c, "SELECT to_char(bucket AT TIME ZONE 'Asia/Makassar', 'YYYY-MM-DD HH24:MI'), count "
                + "FROM reading_1d WHERE device_id = 'wx-bontang' ORDER BY bucket"))
                .containsExactly("2026-11-20 00:00|144", "2026-11-21 00:00|144");
        assertThat(rows(c, "SELECT count(*), sum(count) FROM reading_1h WHERE device_id = 'wx-bontang'")).containsExactly("48|288");
        assertThat(rows(c, "SELECT count(*), max(max) FROM reading_1m WHERE device_id = 'wx-bontang'")).containsExactly("288|6");

        Instant from = START.toInstant();
        Instant to = START.plusDays(2).toInstant();
        List<Map<String, Object>> days = SeriesResource.query(c, CATALOG.zone(), "wx-bontang", "wind_speed", from, to,
                Duration.ofDays(1));
        assertThat(days).hasSize(2);
        assertThat(days.get(1).get("time")).isEqualTo("2026-11-21T00:00+08:00");
        double sum = 0;
        for (int k = 144; k < 288; k++) {
            sum += k % 7;
        }
        assertThat((Double) days.get(1).get("avg")).isCloseTo(sum / 144, within(1e-9));
        assertThat(SeriesResource.query(c, CATALOG.zone(), "wx-bontang", "wind_speed", from, to, Duration.ofHours(2))).hasSize(24);
        assertThat(SeriesResource.query(c, CATALOG.zone(), "wx-bontang", "wind_speed", from, to, Duration.ofMinutes(30))).hasSize(96);
        assertThat(SeriesResource.query(c, CATALOG.zone(), "wx-bontang", "wind_speed", from, to, Duration.ofSeconds(90)))
                .hasSize(READINGS);

        List<Reading> warm = new ArrayList<>();
        StoredReadings.recent(c, CATALOG, START.plusHours(47).toInstant(), List.of(new Reading.Key("wx-bontang", "wind_speed")),
                warm::add);
        assertThat(warm).as("the 5 readings after 47 h, then the latest").hasSize(5 + 1);
        assertThat(warm.get(warm.size() - 1).time()).isEqualTo(START.plusMinutes(10L * (READINGS - 1)).toInstant());
        assertThat(warm.get(0).unit()).isEqualTo("m/s");
        c.setAutoCommit(true);
        incrementsAddUp(c);
    }

    /**
     * The 112 line's calls (an increment) every 10 minutes for two WITA days, 1 to 3 a record, and every hour a second
     * record of 4 at the same time: each day's calls must add up in the aggregates' sum and in the history the API serves
     * at every resolution, and the metric table must say which metrics add up.
     */
    private static void incrementsAddUp(Connection c) throws SQLException {
        assertThat(rows(c, "SELECT name, type FROM metric WHERE (source_id = 'call112' AND name = 'calls') "
                + "OR (source_id = 'wx-bontang' AND name IN ('rain_mm', 'wind_speed')) ORDER BY name"))
                .containsExactly("calls|increment", "rain_mm|total", "wind_speed|state");
        List<Reading> calls = new ArrayList<>();
        double[] day = new double[2];
        for (int k = 0; k < READINGS; k++) {
            Instant t = START.plusMinutes(10L * k).toInstant();
            calls.add(new Reading("call112", "calls", t, 1 + k % 3, "count", true, null, true));
            day[k / 144] += 1 + k % 3;
            if (k % 6 == 0) {
                calls.add(new Reading("call112", "calls", t, 4, "count", true, "second-" + k, true));
                day[k / 144] += 4;
            }
        }
        c.setAutoCommit(false);
        assertThat(BatchStatements.insertReadings(c, calls)).isEqualTo(READINGS + READINGS / 6);
        c.commit();
        c.setAutoCommit(true);
        assertThat(rows(c, "SELECT to_char(bucket AT TIME ZONE 'Asia/Makassar', 'YYYY-MM-DD'), count, sum FROM reading_1d "
                + "WHERE device_id = 'call112' AND metric = 'calls' ORDER BY bucket"))
                .containsExactly("2026-11-20|168|" + (long) day[0], "2026-11-21|168|" + (long) day[1]);
        assertThat(rows(c, "SELECT sum(sum) FROM reading_1h WHERE device_id = 'call112' AND metric = 'calls'"))
                .containsExactly(Long.toString((long) (day[0] + day[1])));
        assertThat(rows(c, "SELECT sum(sum), max(sum) FROM reading_1m WHERE device_id = 'call112' AND metric = 'calls'"))
                .as("a minute's two records: 1 + 4").containsExactly((long) (day[0] + day[1]) + "|5");
        // Sum is the sum of the values, avg * count, in every bucket of every aggregate.
        for (String view : Policies.AGGREGATES) {
            assertThat(rows(c, "SELECT count(*) FROM " + view + " WHERE abs(sum - avg * count) > 1e-6 * greatest(1, abs(sum))"))
                    .as(view).containsExactly("0");
        }
        Instant from = START.toInstant();
        Instant to = START.plusDays(2).toInstant();
        List<Map<String, Object>> days = SeriesResource.query(c, CATALOG.zone(), "call112", "calls", from, to, Duration.ofDays(1));
        assertThat(days).extracting(p -> p.get("sum")).containsExactly(day[0], day[1]);
        for (Duration step : List.of(Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofSeconds(90), Duration.ofDays(2))) {
            List<Map<String, Object>> points = SeriesResource.query(c, CATALOG.zone(), "call112", "calls", from, to, step);
            assertThat(points.stream().mapToDouble(p -> (Double) p.get("sum")).sum()).as("step %s", step)
                    .isEqualTo(day[0] + day[1]);
            for (Map<String, Object> p : points) {
                assertThat((Double) p.get("sum")).as("step %s at %s", step, p.get("time"))
                        .isCloseTo((Double) p.get("avg") * (Long) p.get("count"), within(1e-9));
            }
        }
    }

    /**
     * The mode's migrations and the common ones, each in one transaction, in Flyway's (version) order, and then what
     * Schema.prepare does right after Flyway on TimescaleDB (finishing V13's aggregates).
     */
    static void migrate(Connection c, Mode mode) throws IOException, SQLException {
        migrate(c, mode, 1, Integer.MAX_VALUE);
        if (mode == Mode.TIMESCALEDB) {
            Policies.carryAggregates(c, CATALOG.zone());
        }
    }

    /** The migrations from version {@code first} to {@code last}, as {@link #migrate(Connection, Mode)}, and nothing else. */
    static void migrate(Connection c, Mode mode, int first, int last) throws IOException, SQLException {
        Path dir = Path.of("src", "main", "resources", "db", "migration");
        List<Path> files = new ArrayList<>();
        for (String folder : new String[] {"common", mode.code}) {
            try (var list = Files.list(dir.resolve(folder))) {
                list.filter(p -> p.toString().endsWith(".sql")).forEach(files::add);
            }
        }
        java.util.function.ToIntFunction<Path> version = p -> Integer.parseInt(p.getFileName().toString()
                .replaceAll("^V(\\d+)__.*", "$1"));
        files.removeIf(p -> version.applyAsInt(p) < first || version.applyAsInt(p) > last);
        files.sort(java.util.Comparator.comparingInt(version));
        for (Path file : files) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(Files.readString(file));
            }
            c.commit();
            c.setAutoCommit(true);
        }
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(r.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** The configuration's defaults, as application.properties leaves them. */
    static final class Defaults {
        static final StoreConfig CONFIG = id.bontang.pantau.support.Configs.of(StoreConfig.class);
    }
}
