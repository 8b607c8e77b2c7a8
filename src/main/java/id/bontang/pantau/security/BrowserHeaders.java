package id.bontang.pantau.security;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Browser protections on every answer: no inline script or style, no framing into another site (the console's
 * buttons must not be clickjacked), no referrer to other sites (to its own, so that its forms carry their
 * {@code Origin}), no type sniffing. The wall's script, styles and socket are
 * {@code 'self'}. Quarkus' own developer pages in dev mode ({@code /q/dev-ui}, {@code /q/swagger-ui}) use inline
 * script and are left as they are.
 */
@Singleton
public class BrowserHeaders {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 5).handler(rc -> {
            String path = rc.normalizedPath();
            if (!path.startsWith("/q/dev") && !path.startsWith("/q/swagger-ui")) {
                rc.response().headers().set("Content-Security-Policy", POLICY).set("X-Content-Type-Options", "nosniff")
                        .set("Referrer-Policy", "same-origin").set("X-Frame-Options", "DENY");
            }
            rc.next();
        });
    }
}
