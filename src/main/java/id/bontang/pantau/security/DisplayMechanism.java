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
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * A video wall signed in as a display: its cookie {@value #COOKIE} holds the display's token (set once by
 * {@code POST /display/session}). It authenticates as a viewer named {@code display:<id>}; a revoked display is
 * refused at its next request. It offers no challenge of its own: without the cookie, Challenge's or the form's applies.
 */
@ApplicationScoped
public class DisplayMechanism implements HttpAuthenticationMechanism {

    public static final String COOKIE = "pantau-display";

    static final class DisplayRequest extends BaseAuthenticationRequest {
        final String token;

        DisplayRequest(String token) {
            this.token = token;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identities) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        DisplayRequest request = new DisplayRequest(cookie.getValue());
        HttpSecurityUtils.setRoutingContextAttribute(request, rc);
        // A revoked display is anonymous from now on, its cookie forgotten: a failure here would also refuse the
        // sign-in page, and the browser would go round in redirects.
        return identities.authenticate(request).onFailure(AuthenticationFailedException.class).recoverWithItem(() -> {
            rc.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
            return null;
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(false);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(DisplayRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100; // its cookie is looked at before the form's
    }

    /** Checks the token against {@link Displays}. */
    @ApplicationScoped
    public static class Provider implements IdentityProvider<DisplayRequest> {

        private final Displays displays;

        public Provider(Displays displays) {
            this.displays = displays;
        }

        @Override
        public Class<DisplayRequest> getRequestType() {
            return DisplayRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(DisplayRequest request, AuthenticationRequestContext context) {
            String address = PasswordIdentityProvider.address(HttpSecurityUtils.getRoutingContextAttribute(request));
            return context.runBlocking(() -> displays.authenticate(request.token, address)
                    .map(display -> PasswordIdentityProvider.identity("display:" + display.id(), Role.VIEWER,
                            Credential.display(display.id())))
                    .orElseThrow(AuthenticationFailedException::new));
        }
    }
}
