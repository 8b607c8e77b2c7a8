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
import java.util.Set;

/**
 * Who must sign in is told how. A browser opening a page is sent to the sign-in form (the form's own challenge, a
 * 302); a script or API client calling {@code /api/…}, {@code /q/…} or {@code /ws/wall}, or asking for anything but
 * HTML, gets 401 with a Basic challenge and a problem body: {@code sign-in-required} without credentials,
 * {@code credentials-refused} when they were refused. It signs in nobody: ahead of the other mechanisms, it only
 * answers first for scripts.
 */
@Singleton
public class Challenge implements HttpAuthenticationMechanism {

    static final String REALM = "Basic realm=\"Pantau\"";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return wantsPage(context) ? Uni.createFrom().nullItem()
                : Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", REALM));
    }

    /** A script's challenge is this answer; a page's is left to the form (false: the next mechanism's turn). */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (wantsPage(context)) {
            return Uni.createFrom().item(false);
        }
        refuse(context, "sign-in-required", "sign in first: HTTP Basic with a Pantau user, a bearer token of the city's identity "
                + "provider where one is configured, or the session cookie of /login.html (docs/security.md)");
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
        return DEFAULT_PRIORITY + 2000; // ahead of Basic (2000), which with the form on sends no challenge of its own
    }

    /** Credentials that were sent and refused: a script hears so; a browser's form shows its own error page. */
    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 20).failureHandler(rc -> {
            if (rc.failure() instanceof AuthenticationFailedException && !rc.response().headWritten() && !wantsPage(rc)) {
                refuse(rc, "credentials-refused", "the credentials were refused: a wrong user name or password, a disabled user, "
                        + "or one locked out for a while after repeated wrong passwords (docs/security.md)");
            } else {
                rc.next();
            }
        });
    }

    private static void refuse(RoutingContext rc, String reason, String detail) {
        rc.response().putHeader("WWW-Authenticate", REALM);
        Refusal.send(rc, 401, "Unauthorized", reason, detail);
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
