package id.bontang.pantau.api;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * How the REST API answers a bad parameter: 400 with a problem body naming it ({@link Params}). A database error is
 * answered by {@code store/DatabaseProblems}.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response badParameter(BadParameter e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Bad Request", e.getMessage(), "bad-parameter", e.field());
    }
}
