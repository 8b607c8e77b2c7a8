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

            try (Connection analyst = DriverManager.getConnection(db.url(), "pantau_analyst", "it's a secret");
                    Statement s = analyst.createStatement()) {
                for (String table : new String[] {"reading", "reading_1m", "reading_1h", "reading_1d", "area", "device", "feed",
                        "metric", "indicator"}) {
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                        assertThat(r.next()).as(table).isTrue();
                    }
                }
                for (String write : new String[] {"INSERT INTO reading VALUES (now(), 'x', 'y', 1)", "DELETE FROM reading",
                        "UPDATE device SET name = 'x'", "SELECT count(*) FROM dead_letter", "CREATE TABLE mine (x int)",
                        "DROP VIEW reading_1d"}) {
                    assertThatThrownBy(() -> s.execute(write)).as(write).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"));
                }
            }
        }
    }

}
