package id.bontang.pantau.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The wall's paths (the page, the tiles, /ws/wall; application.properties): viewers, or anyone when
 * {@code PANTAU_WALL_ANONYMOUS=true} (a wall on a closed network; what it opens is read only).
 */
@ApplicationScoped
public class WallPolicy implements HttpSecurityPolicy {

    public static final String NAME = "wall";
    private final SecurityConfig config;

    public WallPolicy(SecurityConfig config) {
        this.config = config;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        if (config.wallAnonymous()) {
            return CheckResult.permit();
        }
        return identity.map(id -> id.hasRole(Role.VIEWER_NAME) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return NAME;
    }
}
