package id.bontang.pantau.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request that sends no body (a script's {@code POST /api/v1/alarms/7/ack}) is read as JSON whatever Content-Type
 * it says, if any (HTTP clients put a form's type on an empty POST): an action whose typed body is optional then gets
 * none, instead of 415 for a body that does not exist.
 */
public class EmptyBodies {

    @ServerRequestFilter(preMatching = true)
    public void noBodyIsJson(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!(HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method))) {
            return;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean empty = "0".equals(length) || length == null && request.getHeaderString("Transfer-Encoding") == null;
        if (empty) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
