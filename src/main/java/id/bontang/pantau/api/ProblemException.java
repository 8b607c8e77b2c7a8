package id.bontang.pantau.api;

import jakarta.ws.rs.WebApplicationException;
import java.util.Map;

/**
 * A refusal that the REST API answers with a problem body ({@link Problem}, written by {@link ProblemMappers}): the
 * status, the reason code clients switch on, the field at fault (or null) and a sentence that says what to do. A
 * resource throws one instead of building an answer; a {@link WebApplicationException}, so that JAX-RS passes it on
 * as it is from a parameter converter too.
 */
public class ProblemException extends WebApplicationException {

    private final int status;
    private final String reason;
    private final String field;
    private final Map<String, String> headers;
    private final java.util.List<String> problems;

    public ProblemException(int status, String reason, String field, String detail) {
        this(status, reason, field, detail, Map.of());
    }

    public ProblemException(int status, String reason, String field, String detail, Map<String, String> headers) {
        super(detail, status);
        this.status = status;
        this.reason = reason;
        this.field = field;
        this.headers = Map.copyOf(headers);
        this.problems = java.util.List.of();
    }

    private ProblemException(int status, String reason, String detail, java.util.List<String> problems) {
        super(detail, status);
        this.status = status;
        this.reason = reason;
        this.field = null;
        this.headers = Map.of();
        this.problems = java.util.List.copyOf(problems);
    }

    /** 422: the request is well formed, and {@code problems} (each with its path) say why it cannot be taken. */
    public static ProblemException unprocessable(String reason, String detail, java.util.List<String> problems) {
        return new ProblemException(422, reason, detail, problems);
    }

    /** 400: {@code field} is wrong; the reason is {@code invalid-<field>}, as for every bad field of a body. */
    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(400, Problem.invalid(field), field, detail);
    }

    /** 404 with its reason code. */
    public static ProblemException notFound(String reason, String detail) {
        return new ProblemException(404, reason, null, detail);
    }

    /** 409 with its reason code. */
    public static ProblemException conflict(String reason, String detail) {
        return new ProblemException(409, reason, null, detail);
    }

    /** 503 with {@code Retry-After} (seconds), or without it when {@code retryAfter} is null. */
    public static ProblemException unavailable(String reason, String detail, String retryAfter) {
        return new ProblemException(503, reason, null, detail, retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter));
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The field or parameter at fault, as the caller wrote it; null when the refusal is about no one field. */
    public String field() {
        return field;
    }

    /** Every problem of a 422, each with its path; empty otherwise. */
    public java.util.List<String> problems() {
        return problems;
    }

    /** Headers the answer carries besides the body ({@code Retry-After}, {@code WWW-Authenticate}). */
    public Map<String, String> headers() {
        return headers;
    }
}
