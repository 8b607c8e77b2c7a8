package id.bontang.pantau.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Without credentials a browser opening a page is sent to the sign-in form (302, the form's challenge); a script
 * or API client calling {@code /api/…}, {@code /q/…} or {@code /ws/wall}, or asking for anything but HTML, gets
 * 401 with a Basic challenge instead, which it can act on.
 */
@Singleton
public class Challenge {

    static final String REALM = "Basic realm=\"Pantau\"";

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 20).handler(rc -> {
            if (!wantsPage(rc)) {
                rc.addHeadersEndHandler(v -> {
                    var response = rc.response();
                    String location = response.headers().get(HttpHeaders.LOCATION);
                    if (response.getStatusCode() == 302 && location != null && location.contains("/login.html")) {
                        response.setStatusCode(401).setStatusMessage("Unauthorized");
                        response.headers().remove(HttpHeaders.LOCATION).set("WWW-Authenticate", REALM);
                        response.removeCookie("quarkus-redirect-location");
                    }
                });
            }
            rc.next();
        });
    }

    static boolean wantsPage(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.startsWith("/api/") || path.startsWith("/q/") || path.startsWith("/ws/")) {
            return false;
        }
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}
