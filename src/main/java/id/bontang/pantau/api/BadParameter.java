package id.bontang.pantau.api;

import jakarta.ws.rs.WebApplicationException;

/**
 * A request parameter that is missing, malformed or out of bounds: answered 400 with a problem body naming it
 * ({@link ProblemMappers}). A {@link WebApplicationException}, so that JAX-RS passes it on from a parameter
 * converter as it is instead of turning a bad query parameter into 404.
 */
public class BadParameter extends WebApplicationException {

    private final String field;

    public BadParameter(String field, String detail) {
        super(detail, 400);
        this.field = field;
    }

    /** The parameter's name, as the caller wrote it. */
    public String field() {
        return field;
    }
}
