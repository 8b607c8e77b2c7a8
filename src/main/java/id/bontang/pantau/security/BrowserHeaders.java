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

    /**
     * No shared cache keeps anything of Pantau's (every page but the sign-in page needs a role, and an answer may carry
     * a user's data), and a browser asks again for every file, so that a new release's pages and scripts are used at
     * once: {@code private, no-cache} with the static files' {@code Last-Modified} (a 304 when unchanged), in place of
     * the static handler's {@code public, immutable, max-age=86400}; {@code no-store} for an answer that says nothing.
     */
    static void cacheControl(io.vertx.ext.web.RoutingContext rc) {
        var headers = rc.response().headers();
        String set = headers.get("Cache-Control");
        if (set == null) {
            headers.set("Cache-Control", headers.contains("Last-Modified") ? "private, no-cache" : "no-store");
        } else if (set.contains("public") || set.contains("immutable") || set.contains("max-age")) {
            headers.set("Cache-Control", "private, no-cache");
        }
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 5).handler(rc -> {
            String path = rc.normalizedPath();
            if (!path.startsWith("/q/dev") && !path.startsWith("/q/swagger-ui")) {
                rc.response().headers().set("Content-Security-Policy", POLICY).set("X-Content-Type-Options", "nosniff")
                        .set("Referrer-Policy", "same-origin").set("X-Frame-Options", "DENY");
            }
            rc.addHeadersEndHandler(v -> cacheControl(rc));
            rc.next();
        });
    }
}
