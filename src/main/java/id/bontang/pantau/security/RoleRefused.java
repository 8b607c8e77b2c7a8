package id.bontang.pantau.security;

import id.bontang.pantau.api.Problem;
import id.bontang.pantau.api.ProblemException;
import io.quarkus.security.ForbiddenException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A signed-in user whose role may not call an API endpoint ({@code @RolesAllowed}, or an HTTP permission of
 * application.properties) is told so, in a problem body, and who can change it.
 */
@Provider
public class RoleRefused implements ExceptionMapper<ForbiddenException> {

    @Context
    HttpServerRequest request;

    @Override
    public Response toResponse(ForbiddenException e) {
        return Problem.response(new ProblemException(403, "forbidden", null, detail(request.method().name(), request.path())));
    }

    static String detail(String method, String path) {
        return "your role may not " + method + " " + path + "; an admin can give you a role that may (docs/security.md)";
    }
}
