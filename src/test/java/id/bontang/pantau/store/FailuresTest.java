package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import id.bontang.pantau.support.Postgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which database errors mean an outage, on errors the real PostgreSQL and its driver raise. */
class FailuresTest {

    /** Verifies that a value PostgreSQL cannot take (year 300000) is a data exception, not an outage. */
    @Test
    void verifiesThatABadValueIsNotAnOutage() throws Exception {
        try (Postgres db = new Postgres(); Connection c = db.connect()) {
            SQLException e = catchThrowableOfType(SQLException.class,
                    () -> c.createStatement().executeQuery("SELECT '+300000-01-01T00:00:00Z'::timestamptz"));
            assertThat(Failures.unavailable(e)).isFalse();
            assertThat(Failures.badValue(e)).isTrue();
            assertThat(Failures.describe(e)).startsWith("the database refused the work").contains("SQLState 22")
                    .doesNotContain("range").doesNotContain("300000");
        }
    }

    /** Verifies that a missing table (SQLState 42P01) is neither an outage nor a bad value. */
    @Test
    void verifiesThatAQueryErrorIsNeitherOutageNorBadValue() throws Exception {
        try (Postgres db = new Postgres(); Connection c = db.connect()) {
            SQLException e = catchThrowableOfType(SQLException.class,
                    () -> c.createStatement().executeQuery("SELECT * FROM no_such_table"));
            assertThat(Failures.unavailable(e)).isFalse();
            assertThat(Failures.badValue(e)).isFalse();
            assertThat(Failures.describe(e)).doesNotContain("no_such_table");
        }
    }

    /** Verifies that a refused connection is an outage, described without the address. */
    @Test
    void verifiesThatARefusedConnectionIsAnOutage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/pantau?connectTimeout=2";
        SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url, "postgres", ""));
        assertThat(Failures.unavailable(e)).isTrue();
        assertThat(Failures.describe(e)).startsWith("the database cannot be reached").doesNotContain("127.0.0.1")
                .doesNotContain(Integer.toString(port));
    }

    /** Verifies that a connection the server terminated (an administrator, a restart) is an outage. */
    @Test
    void verifiesThatATerminatedConnectionIsAnOutage() throws Exception {
        try (Postgres db = new Postgres(); Connection victim = db.connect(); Connection admin = db.connect()) {
            long pid = ((Number) query(victim, "SELECT pg_backend_pid()")).longValue();
            query(admin, "SELECT pg_terminate_backend(" + pid + ")");
            SQLException e = catchThrowableOfType(SQLException.class, () -> query(victim, "SELECT 1"));
            assertThat(e.getSQLState()).matches("08.*|57P0[1-3]");
            assertThat(Failures.unavailable(e)).isTrue();
        }
    }

    private static Object query(Connection c, String sql) throws SQLException {
        try (var r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getObject(1);
        }
    }

    /** Verifies that Agroal's acquisition timeout (no SQLState) is an outage, and a server shutting down too. */
    @Test
    void verifiesThatPoolTimeoutsAndShutdownsAreOutages() {
        assertThat(Failures.unavailable(new SQLException("Sorry, acquisition timeout!"))).isTrue();
        assertThat(Failures.unavailable(new SQLException("Acquisition timeout while waiting for new connection"))).isTrue();
        assertThat(Failures.unavailable(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(Failures.unavailable(new SQLException("too many connections", "53300"))).isTrue();
        assertThat(Failures.unavailable(new SQLException("An I/O error occurred while sending to the backend", "08006"))).isTrue();
        assertThat(Failures.unavailable(new SQLException("duplicate key", "23505"))).isFalse();
    }
}
