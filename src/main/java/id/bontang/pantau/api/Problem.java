package id.bontang.pantau.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem body: what went wrong, in a sentence ({@code detail}), which field ({@code field},
 * a path such as {@code [2].values.pm25}) and the rejection reason. The REST resources throw a
 * {@link ProblemException} and {@link ProblemMappers} writes this; the plain Vert.x routes {@link #send} it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String reason, String field,
        java.util.List<String> problems) {

    /** A problem about one thing; {@code problems} lists several (a catalog's, each with its path) when there are. */
    public Problem(String type, String title, int status, String detail, String reason, String field) {
        this(type, title, status, detail, reason, field, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of {@code status}, titled with the status' reason phrase. */
    public static Problem of(int status, String detail, String reason, String field) {
        return new Problem("about:blank", HttpResponseStatus.valueOf(status).reasonPhrase(), status, detail, reason, field);
    }

    /** The reason code of a bad field: {@code invalid-<field>} ({@code invalid-request} when no field is named). */
    public static String invalid(String field) {
        return "invalid-" + (field == null ? "request" : field);
    }

    /** The answer to a {@link ProblemException}, with its headers. */
    public static Response response(ProblemException e) {
        Problem p = of(e.status(), e.getMessage(), e.reason(), e.field());
        Response.ResponseBuilder r = Response.status(e.status()).type(MEDIA_TYPE).entity(e.problems().isEmpty() ? p
                : new Problem(p.type(), p.title(), p.status(), p.detail(), p.reason(), p.field(), e.problems()));
        e.headers().forEach(r::header);
        return r.build();
    }

    /** This problem as JSON, for the routes that write their answer themselves. */
    public JsonObject json() {
        JsonObject body = new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail)
                .put("reason", reason);
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }

    /**
     * The same body from a plain Vert.x route, ending the request. When the request's body is still arriving, the
     * connection is closed after the answer: reading on would cost the bandwidth the refusal was meant to save.
     */
    public static void send(RoutingContext rc, int status, String detail, String reason, String field) {
        var response = rc.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE);
        if (!rc.request().isEnded()) {
            response.putHeader("Connection", "close").endHandler(v -> rc.request().connection().close());
        }
        response.end(of(status, detail, reason, field).json().encode());
    }
}
