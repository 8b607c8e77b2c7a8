package id.bontang.pantau.api;

/**
 * A request parameter that is missing, malformed or out of bounds: answered 400 with a problem body naming it,
 * reason {@code bad-parameter} ({@link ProblemMappers}). Thrown from a parameter converter ({@link Params}) as it
 * is, instead of JAX-RS' 404 for a bad query parameter.
 */
public class BadParameter extends ProblemException {

    public static final String REASON = "bad-parameter";

    public BadParameter(String field, String detail) {
        super(400, REASON, field, detail);
    }
}
