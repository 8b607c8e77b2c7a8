package id.bontang.pantau.store;

import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The login of pantau_analyst, the read-only role migration V3 creates without one: given only when a password is
 * configured. A failure is a warning, not a refused start: an owner who may not alter roles still gets its schema.
 */
final class AnalystRole {

    private AnalystRole() {
    }

    /** Lets the read-only role log in with the configured password (never logged, never sent in clear). */
    static void allowLogin(Connection c, String password) {
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
}
