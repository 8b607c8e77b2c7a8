package id.bontang.pantau.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every problem body of the REST API is written here (RFC 9457, {@link Problem}): a resource throws, it never builds
 * an answer by hand. A database error is answered by {@code store/DatabaseProblems}, which uses the same body.
 * <ul>
 * <li>{@link ProblemException} (and {@link BadParameter}, from {@link Params}): as it says;</li>
 * <li>a Bean Validation violation of a request: 400 naming the field, reason {@code invalid-<field>};</li>
 * <li>a typed body Jackson cannot read: 400 naming the field whose value has the wrong type (or {@code body}
 * when the JSON itself cannot be read), with no parser text about Java types and never a stack trace.</li>
 * </ul>
 */
public class ProblemMappers {

    /** The name of the field when the refusal is about the whole body. */
    public static final String BODY = "body";

    private final Instance<FieldHints> hints;

    public ProblemMappers(Instance<FieldHints> hints) {
        this.hints = hints;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.response(e);
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> field(v.getPropertyPath()))).collect(Collectors.toList());
        if (violations.stream().anyMatch(v -> kinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE))) {
            // The server's own answer broke a constraint: its fault, not the caller's.
            String id = java.util.UUID.randomUUID().toString().substring(0, 8);
            Log.errorf("API: an answer broke its constraints [%s]: %s", id, e.getMessage());
            return Problem.response(new ProblemException(500, "internal-error", null,
                    "the request failed; the server's log has the detail under error " + id));
        }
        if (violations.isEmpty()) {
            return Problem.response(ProblemException.invalid(BODY, BODY + ": the request is not valid"));
        }
        String field = field(violations.get(0).getPropertyPath());
        String detail = violations.stream().map(v -> field(v.getPropertyPath()) + ": " + v.getMessage()).distinct()
                .collect(Collectors.joining("; "));
        return Problem.response(ProblemException.invalid(field, detail));
    }

    /** A value of the wrong type for its field (a text for a number, an unknown enum value, an object for a text). */
    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        String field = path(e);
        return Problem.response(ProblemException.invalid(field, field + ": " + expected(e)));
    }

    /**
     * JSON that cannot be read at all (a syntax error, a number too large for its field): Quarkus passes it on as a
     * {@link WebApplicationException} with Jackson's exception as the cause. Named {@code body}: the parser stopped
     * before any field was read whole; the detail says where. Every other such exception keeps its own answer.
     */
    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e) {
        if (!(e.getCause() instanceof JacksonException j)) {
            return e.getResponse();
        }
        if (j instanceof MismatchedInputException m) {
            return mismatch(m);
        }
        String where = j instanceof DatabindException d && !path(d).equals(BODY) ? " at " + path(d) : "";
        String why = j instanceof StreamReadException || j.getCause() instanceof StreamReadException
                ? Params.abbreviate(original(j)) : "not a value this request takes";
        return Problem.response(ProblemException.invalid(BODY, BODY + ": JSON that cannot be read" + where + " (" + why + ")"));
    }

    /** Jackson's own sentence, without the location it appends (which quotes the request's source). */
    private static String original(JacksonException j) {
        Throwable t = j.getCause() instanceof StreamReadException s ? s : j;
        return t instanceof JacksonException x ? x.getOriginalMessage() : String.valueOf(t.getMessage());
    }

    /** What the field takes, in words: a feature's hint, or what its type says. */
    private String expected(MismatchedInputException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (!path.isEmpty()) {
            JsonMappingException.Reference last = path.get(path.size() - 1);
            Class<?> body = last.getFrom() instanceof Class<?> c ? c : last.getFrom() == null ? null : last.getFrom().getClass();
            if (body != null && last.getFieldName() != null) {
                for (FieldHints h : hints) {
                    String hint = h.expected(body, last.getFieldName());
                    if (hint != null) {
                        return hint;
                    }
                }
            }
        }
        Class<?> type = e.getTargetType();
        if (e instanceof InvalidTypeIdException || type == null) {
            return "a value of another kind is expected";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class || type == short.class
                || type == Short.class) {
            return "a whole number is expected";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number is expected";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false is expected";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a text is expected";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array is expected";
        }
        return path.isEmpty() ? "a JSON object is expected" : "a JSON object is expected here";
    }

    /** The field as the caller wrote it: {@code minutes}, {@code [2].values.pm25}; {@code body} for the whole body. */
    static String path(DatabindException e) {
        List<JsonMappingException.Reference> refs = e instanceof JsonMappingException m ? m.getPath() : List.of();
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.isEmpty() ? BODY : s.toString();
    }

    /** The name of the property a violation is about (a record's component), or the parameter's. */
    private static String field(Path path) {
        String name = BODY;
        for (Path.Node n : path) {
            if (n.getKind() == ElementKind.PROPERTY || n.getKind() == ElementKind.PARAMETER) {
                name = n.getKind() == ElementKind.PARAMETER && n.getName().startsWith("arg") ? BODY : n.getName();
            }
        }
        return name;
    }

    private static List<ElementKind> kinds(Path path) {
        List<ElementKind> kinds = new java.util.ArrayList<>();
        path.forEach(n -> kinds.add(n.getKind()));
        return kinds;
    }
}
