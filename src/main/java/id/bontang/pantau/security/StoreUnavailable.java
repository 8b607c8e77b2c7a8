package id.bontang.pantau.security;

import id.bontang.pantau.api.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Users, displays and the audit trail live in the database: without one, or while it is away, their endpoints
 * answer 503 with the reason instead of an error page.
 */
@Provider
public class StoreUnavailable implements ExceptionMapper<java.sql.SQLException> {

    @Override
    public Response toResponse(java.sql.SQLException e) {
        return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE, "Service Unavailable",
                "the database is not available: " + e.getMessage(), "database-unavailable", null))
                .header("Retry-After", "10").build();
    }
}
