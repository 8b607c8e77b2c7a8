package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.bontang.pantau.support.Configs;
import id.bontang.pantau.support.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.Test;

/** The analyst role on the machine's PostgreSQL: it reads readings, aggregates and catalog, and nothing else. */
class AnalystRoleTest {

    @Test
    void verifiesThatTheAnalystCanReadAndCannotWrite() throws Exception {
        try (Postgres db = new Postgres()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(db.url());
            ds.setUser(Postgres.USER);
            StoreConfig config = Configs.of(StoreConfig.class, Map.of("pantau.store.analyst-password", "it's a secret"));
            assertThat(Schema.prepare(ds, config, SchemaModesTest.CATALOG)).isEqualTo(Mode.POSTGRESQL);
            db.execute("INSERT INTO reading VALUES (now(), 'wx-bontang', 'rain_mm', 1.5)");
            db.execute("INSERT INTO dead_letter (received_at, transport, topic, reason, detail) VALUES (now(), 'mqtt', 't', 'r', 'd')");
            assertThat(db.number("SELECT count(*) FROM pg_roles WHERE rolname = 'pantau_analyst' AND rolcanlogin")).isEqualTo(1);
            // The machine's PostgreSQL trusts every local login, so check the stored SCRAM verifier itself.
            String verifier = verifier(db);
            assertThat(verifier).startsWith("SCRAM-SHA-256$");
            assertThat(scramMatches(verifier, "it's a secret")).isTrue();
            assertThat(scramMatches(verifier, "another")).isFalse();

            try (Connection analyst = DriverManager.getConnection(db.url(), "pantau_analyst", "it's a secret");
                    Statement s = analyst.createStatement()) {
                for (String table : new String[] {"reading", "reading_1m", "reading_1h", "reading_1d", "area", "device", "feed",
                        "metric", "indicator"}) {
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                        assertThat(r.next()).as(table).isTrue();
                    }
                }
                try (ResultSet r = s.executeQuery("SHOW statement_timeout")) {
                    r.next();
                    assertThat(r.getString(1)).as("a runaway query is stopped").isEqualTo("1min");
                }
                for (String write : new String[] {"INSERT INTO reading VALUES (now(), 'x', 'y', 1)", "DELETE FROM reading",
                        "UPDATE device SET name = 'x'", "SELECT count(*) FROM dead_letter", "CREATE TABLE mine (x int)",
                        // the sign-in's tables: password hashes, session and display token digests
                        "SELECT count(*) FROM app_user", "SELECT count(*) FROM app_session", "SELECT count(*) FROM display",
                        "DROP VIEW reading_1d"}) {
                    assertThatThrownBy(() -> s.execute(write)).as(write).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"));
                }
            }
        }
    }

    @Test
    void verifiesThatAnOwnerWhoMayNotAlterRolesStillGetsItsSchema() throws Exception {
        String owner = "pantau_owner_" + Long.toHexString(System.nanoTime());
        try (Postgres db = new Postgres()) {
            // As a DBA would have prepared it: the analyst role exists, Pantau's user owns its schema and nothing more.
            db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pantau_analyst') THEN "
                    + "CREATE ROLE pantau_analyst NOLOGIN; END IF; END $$");
            db.execute("CREATE ROLE " + owner + " LOGIN NOCREATEROLE NOSUPERUSER");
            db.execute("GRANT ALL ON SCHEMA public TO " + owner);
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(db.url());
            ds.setUser(owner);
            StoreConfig config = Configs.of(StoreConfig.class, Map.of("pantau.store.analyst-password", "not settable"));
            assertThat(Schema.prepare(ds, config, SchemaModesTest.CATALOG)).isEqualTo(Mode.POSTGRESQL);
            assertThat(db.number("SELECT count(*) FROM flyway_schema_history WHERE success")).as("every migration, V5 too")
                    .isEqualTo(db.number("SELECT count(*) FROM flyway_schema_history"));
            assertThat(db.number("SELECT count(*) FROM flyway_schema_history WHERE version = '5'")).isEqualTo(1);
            assertThat(db.number("SELECT count(*) FROM device")).isEqualTo(103);
        } finally {
            Postgres.admin("DROP ROLE IF EXISTS " + owner);
        }
    }

    private static String verifier(Postgres db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'pantau_analyst'")) {
            r.next();
            return r.getString(1);
        }
    }

    /** RFC 5802/7677: StoredKey = SHA-256(HMAC(PBKDF2(password, salt, i), "Client Key")). */
    static boolean scramMatches(String verifier, String password) throws Exception {
        String[] parts = verifier.split("[$:]"); // SCRAM-SHA-256, iterations, salt, StoredKey, ServerKey
        byte[] salted = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
                new javax.crypto.spec.PBEKeySpec(password.toCharArray(), java.util.Base64.getDecoder().decode(parts[2]),
                        Integer.parseInt(parts[1]), 256)).getEncoded();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(salted, "HmacSHA256"));
        byte[] clientKey = mac.doFinal("Client Key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] storedKey = java.security.MessageDigest.getInstance("SHA-256").digest(clientKey);
        return java.util.Base64.getEncoder().encodeToString(storedKey).equals(parts[3]);
    }
}
