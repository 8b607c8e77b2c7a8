package id.bontang.pantau.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem body: what went wrong, in a sentence ({@code detail}), which field ({@code field},
 * a path such as {@code [2].values.pm25}) and the rejection reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String reason, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String title, String detail, String reason, String field) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status.getStatusCode(), detail, reason, field)).build();
    }

    /**
     * The same body from a plain Vert.x route, ending the request. When the request's body is still arriving, the
     * connection is closed after the answer: reading on would cost the bandwidth the refusal was meant to save.
     */
    public static void send(RoutingContext rc, int status, String detail, String reason, String field) {
        JsonObject body = new JsonObject().put("type", "about:blank").put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
                .put("status", status).put("detail", detail).put("reason", reason);
        if (field != null) {
            body.put("field", field);
        }
        var response = rc.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE);
        if (!rc.request().isEnded()) {
            response.putHeader("Connection", "close").endHandler(v -> rc.request().connection().close());
        }
        response.end(body.encode());
    }
}
