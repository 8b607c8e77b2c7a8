package id.bontang.pantau.store;

import id.bontang.pantau.api.Problem;
import id.bontang.pantau.api.ProblemException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * How the REST API answers a database error ({@link Failures} decides which): 503 with Retry-After only when the
 * database cannot be reached, 400 when a value of the request is one the database cannot take, and 500 otherwise.
 * The database's own text goes to the log only, with an id that the answer quotes.
 */
public class DatabaseProblems {

    /** Seconds a client waits before it tries again while the database is away. */
    static final String RETRY_AFTER = "10";

    private final Store store;

    public DatabaseProblems(Store store) {
        this.store = store;
    }

    @ServerExceptionMapper
    public Response database(SQLException e) {
        if (!store.enabled()) {
            // Pantau's own sentence (users, displays and the audit trail need a database): no driver text here.
            return unavailable("no database is configured (persistence is off): " + e.getMessage());
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        if (Failures.unavailable(e)) {
            Log.warnf("API: database unavailable [%s]: %s", id, e.getMessage());
            return unavailable("the database is not available now; try again in " + RETRY_AFTER + " s (error " + id + ")");
        }
        if (Failures.badValue(e)) {
            Log.infof("API: the database refused a value of the request [%s] (SQLState %s): %s", id, e.getSQLState(), e.getMessage());
            return Problem.response(new ProblemException(400, "bad-value", null, "a value of the request is outside what the "
                    + "database can take (error " + id + ")"));
        }
        Log.errorf(e, "API: database error [%s] (SQLState %s)", id, e.getSQLState());
        return Problem.response(new ProblemException(500, "internal-error", null,
                "the request failed; the server's log has the detail under error " + id));
    }

    private static Response unavailable(String detail) {
        return Problem.response(ProblemException.unavailable("database-unavailable", detail, RETRY_AFTER));
    }
}
