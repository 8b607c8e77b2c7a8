package id.bontang.pantau.security;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses, with 403, a WebSocket upgrade or a state-changing request that a browser sends from another site
 * (cross-site WebSocket hijacking, CSRF): its {@code Origin} must be the server's own host, or one of
 * {@code pantau.security.allowed-origins}. A request without {@code Origin} comes from no browser page (a script,
 * a gateway) and is let through to authentication.
 */
@Singleton
public class OriginCheck {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private final List<String> allowed;

    public OriginCheck(SecurityConfig config) {
        this.allowed = config.allowedOrigins().orElse(List.of()).stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::check);
    }

    private void check(RoutingContext rc) {
        boolean upgrade = "websocket".equalsIgnoreCase(rc.request().getHeader("Upgrade"));
        String origin = rc.request().getHeader("Origin");
        if (origin == null || (!upgrade && SAFE.contains(rc.request().method())) || permitted(origin, rc)) {
            rc.next();
            return;
        }
        Log.infof("Security: %s %s from origin %s refused", upgrade ? "WebSocket upgrade of" : rc.request().method(),
                rc.request().path(), origin.length() > 100 ? origin.substring(0, 100) : origin);
        Refusal.send(rc, 403, "Forbidden", "cross-site-request", "requests from another site's page are refused; add its "
                + "origin to PANTAU_SECURITY_ALLOWED_ORIGINS if it is yours");
    }

    private boolean permitted(String origin, RoutingContext rc) {
        String o = origin.toLowerCase(Locale.ROOT);
        if (allowed.contains(o)) {
            return true;
        }
        try {
            URI u = URI.create(o);
            String host = rc.request().authority() == null ? null : rc.request().authority().toString().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || host == null) {
                return false;
            }
            int port = u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
            // Behind a proxy that ends TLS the scheme differs; the host and port are what a page cannot forge.
            return host.equals(u.getHost() + ":" + port) || host.equals(u.getHost()) && (port == 80 || port == 443);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
