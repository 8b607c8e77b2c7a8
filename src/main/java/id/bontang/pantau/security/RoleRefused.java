package id.bontang.pantau.security;

import id.bontang.pantau.api.Problem;
import io.quarkus.security.ForbiddenException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A signed-in user whose role may not call a resource ({@code @RolesAllowed}) is told so, in a problem body. */
@Provider
public class RoleRefused implements ExceptionMapper<ForbiddenException> {

    @Context
    HttpServerRequest request;

    @Override
    public Response toResponse(ForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "Forbidden", Refusal.roleRefused(request.method().name(),
                request.path()), Refusal.FORBIDDEN, null);
    }
}
