package id.bontang.pantau.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * What a database error means, in one place. Only a connection-class failure says the database is unavailable
 * (an outage: 503, storage health DOWN); anything else was caused by what was asked of it and says nothing of
 * the database's health. PostgreSQL's own text stays in the log: it may quote the request and name tables.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * Whether {@code e} (or a cause) says the database cannot be reached or cannot serve now: SQLState class 08
     * (connection exception), 53 (insufficient resources), 57P01-57P03 (shut down, crashed, starting), the driver's
     * connection exceptions, and Agroal's acquisition timeout (every connection busy or none can be opened).
     */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("53") || state.equals("57P01")
                        || state.equals("57P02") || state.equals("57P03"))) {
                    return true;
                }
                String message = s.getMessage() == null ? "" : s.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("acquisition timeout")) {
                    return true;
                }
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} is a data exception (SQLState class 22): a value of the request the database cannot take. */
    public static boolean badValue(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    /**
     * A short sentence for health and answers, without the driver's text (which may name hosts, tables and values):
     * {@code the database cannot be reached (SQLState 08001)}.
     */
    public static String describe(Throwable e) {
        String state = null;
        for (Throwable t = e; t != null && state == null; t = t.getCause() == t ? null : t.getCause()) {
            state = t instanceof SQLException s ? s.getSQLState() : null;
        }
        return (unavailable(e) ? "the database cannot be reached" : "the database refused the work; the log has the detail")
                + (state == null ? "" : " (SQLState " + state + ")");
    }
}
