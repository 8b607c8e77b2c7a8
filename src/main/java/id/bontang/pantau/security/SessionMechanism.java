package id.bontang.pantau.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sign-in form's session ({@link Sessions}): its cookie signs a browser in. A session that ended (signed out
 * elsewhere, its user changed or disabled, past its idle time) is forgotten: a page is sent to sign in again, a script
 * hears {@code credentials-refused}. It is also the challenge for pages: a browser that must sign in is sent to
 * {@code /login.html}, which brings it back to the page it asked for (unless the city's identity provider signs
 * browsers in).
 */
@ApplicationScoped
public class SessionMechanism implements HttpAuthenticationMechanism {

    /** Where the sign-in brings the browser back to: a path of this server, set when a page sent it to sign in. */
    static final String RETURN_COOKIE = "pantau-return";
    static final String LOGIN_PAGE = "/login.html";

    static final class SessionRequest extends BaseAuthenticationRequest {
        final String token;

        SessionRequest(String token) {
            this.token = token;
        }
    }

    private final boolean identityProviderSignsBrowsersIn;

    public SessionMechanism(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean oidc,
            @ConfigProperty(name = "quarkus.oidc.application-type", defaultValue = "service") String type) {
        this.identityProviderSignsBrowsersIn = oidc && !"service".equalsIgnoreCase(type);
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identities) {
        Cookie cookie = rc.request().getCookie(Sessions.COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new SessionRequest(cookie.getValue())).onFailure(AuthenticationFailedException.class)
                .recoverWithUni(e -> {
                    rc.response().addCookie(expired(Sessions.COOKIE));
                    // A page goes on as anonymous, to be sent to sign in (or shown, if open); a script hears why.
                    if (Challenge.wantsPage(rc)) {
                        return Uni.createFrom().nullItem();
                    }
                    rc.put(Challenge.REFUSED, true);
                    return Uni.createFrom().failure(e);
                });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext rc) {
        return pageToSignIn(rc) ? Uni.createFrom().item(new ChallengeData(302, HttpHeaders.LOCATION, LOGIN_PAGE))
                : Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext rc) {
        if (!pageToSignIn(rc)) {
            return Uni.createFrom().item(false);
        }
        String target = rc.request().uri();
        if (rc.request().method() == io.vertx.core.http.HttpMethod.GET && safeReturn(target)) {
            rc.response().addCookie(Cookie.cookie(RETURN_COOKIE, target).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setSecure(rc.request().isSSL()).setMaxAge(600));
        }
        rc.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, LOGIN_PAGE).end();
        return Uni.createFrom().item(true);
    }

    private boolean pageToSignIn(RoutingContext rc) {
        return !identityProviderSignsBrowsersIn && Challenge.wantsPage(rc);
    }

    /** A path on this server (never {@code //host} or a scheme: no open redirect), of a sane length. */
    static boolean safeReturn(String target) {
        // Printable ASCII a cookie value may hold (no space, '"', ',', ';' or '\\').
        return target != null && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\")
                && target.length() <= 512 && !target.startsWith(LOGIN_PAGE)
                && target.chars().allMatch(ch -> ch > 32 && ch < 127 && ch != '"' && ch != ',' && ch != ';' && ch != '\\');
    }

    static Cookie expired(String name) {
        return Cookie.cookie(name, "").setPath("/").setMaxAge(0).setHttpOnly(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    @Override
    public int getPriority() {
        // Ahead of Basic (2000), whose challenge would make a browser ask for a password in a dialog; behind
        // Challenge, which answers scripts first.
        return DEFAULT_PRIORITY + 1200;
    }

    /** Checks the session against {@link Sessions}: the user and its role as they are now. */
    @ApplicationScoped
    public static class Provider implements IdentityProvider<SessionRequest> {

        private final Sessions sessions;

        public Provider(Sessions sessions) {
            this.sessions = sessions;
        }

        @Override
        public Class<SessionRequest> getRequestType() {
            return SessionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> sessions.user(request.token).filter(s -> s.role() != null)
                    .map(s -> PasswordIdentityProvider.identity(s.username(), s.role(), Credential.session(Sessions.digest(request.token))))
                    .orElseThrow(AuthenticationFailedException::new));
        }
    }
}
