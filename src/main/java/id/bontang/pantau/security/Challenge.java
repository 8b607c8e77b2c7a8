package id.bontang.pantau.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who must sign in is told how. A browser opening a page is sent to the sign-in form (the form's own challenge, a
 * 302); a script or API client calling {@code /api/…}, {@code /q/…} or {@code /ws/wall}, or asking for anything but
 * HTML, gets 401 with a Basic challenge and a problem body: {@code sign-in-required} without credentials,
 * {@code credentials-refused} when they were refused. With the city's identity provider on, the challenge offers
 * {@code Bearer} too. It signs in nobody: ahead of the other mechanisms, it only answers first for scripts.
 */
@Singleton
public class Challenge implements HttpAuthenticationMechanism {

    static final String REALM = "Basic realm=\"Pantau\"";
    /** Set on a request whose credentials a mechanism refused (a session that ended): its challenge says so. */
    static final String REFUSED = "pantau.credentials-refused";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final List<String> challenges;

    public Challenge(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidc) {
        this.challenges = oidc ? List.of(REALM, "Bearer") : List.of(REALM);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return wantsPage(context) ? Uni.createFrom().nullItem()
                : Uni.createFrom().item(new ChallengeData(401, WWW_AUTHENTICATE, REALM));
    }

    /** A script's challenge is this answer; a page's is left to the form (false: the next mechanism's turn). */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (wantsPage(context)) {
            return Uni.createFrom().item(false);
        }
        context.response().headers().set(WWW_AUTHENTICATE, challenges);
        if (Boolean.TRUE.equals(context.get(REFUSED))) {
            refused(context);
            return Uni.createFrom().item(true);
        }
        Refusal.send(context, 401, "Unauthorized", "sign-in-required", "sign in first: HTTP Basic with a Pantau user, a bearer "
                + "token of the city's identity provider where one is configured, or the session cookie of /login.html (docs/security.md)");
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public int getPriority() {
        // Ahead of Basic (2000), which with the form on sends no challenge of its own; clear of mTLS' 3000, which
        // inclusive authentication wants first.
        return DEFAULT_PRIORITY + 1500;
    }

    /**
     * Credentials that were sent and refused: a script hears so; a browser's form shows its own error page. A refused
     * token keeps the identity provider's {@code Bearer} challenge (with its error); the form's redirect, set first for
     * a script in some paths (a session of a user disabled since), goes, with the cookie that would bring the next
     * sign-in back to this URL.
     */
    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 20).failureHandler(rc -> {
            SignInUnavailable unavailable = unavailableCause(rc.failure());
            if (unavailable != null && !rc.response().headWritten()) {
                unavailable(rc, unavailable);
            } else if (rc.failure() instanceof AuthenticationFailedException && !rc.response().headWritten() && !wantsPage(rc)) {
                var response = rc.response();
                response.headers().remove(HttpHeaders.LOCATION);
                response.removeCookie("quarkus-redirect-location");
                String set = response.headers().get(WWW_AUTHENTICATE); // Basic's own is a bare "basic": ours names the realm
                if (set == null || !set.regionMatches(true, 0, "Bearer", 0, 6)) {
                    response.headers().set(WWW_AUTHENTICATE, challenges);
                }
                refused(rc);
            } else {
                rc.next();
            }
        });
    }

    private static void refused(RoutingContext rc) {
        Refusal.send(rc, 401, "Unauthorized", "credentials-refused", "the credentials were refused: a wrong user name or "
                + "password, a disabled user or one locked out for a while after repeated wrong passwords, a session that "
                + "ended, or a token that has expired or is not the identity provider's (docs/security.md)");
    }

    private static SignInUnavailable unavailableCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SignInUnavailable u) {
                return u;
            }
        }
        return null;
    }

    /** 503 with Retry-After: the credentials could not be checked now (never a 401, never another password tried). */
    static void unavailable(RoutingContext rc, SignInUnavailable e) {
        rc.response().putHeader("Retry-After", SignInUnavailable.BUSY.equals(e.reason()) ? "1" : "10");
        Refusal.send(rc, 503, "Service Unavailable", e.reason(), e.getMessage());
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
