package id.bontang.pantau.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * HTTP Basic: a user name and password checked by {@link PasswordChecks} at every request (scripts and Prometheus);
 * audited when refused. The sign-in form is {@link SignIn}'s.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** The identity's attribute that says what it stands on ({@link Credential}), for sockets checked again later. */
    public static final String CREDENTIAL = "pantau.credential";

    private final PasswordChecks checks;
    private final Audit audit;
    private final RateLimits limits;

    public PasswordIdentityProvider(PasswordChecks checks, Audit audit, RateLimits limits) {
        this.checks = checks;
        this.audit = audit;
        this.limits = limits;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String address = address(HttpSecurityUtils.getRoutingContextAttribute(request));
        String username = request.getUsername();
        return checks.check(username, new String(request.getPassword().getPassword()))
                .map(verified -> identity(username, verified.role(), Credential.user(username, verified.stamp())))
                .onFailure(Passwords.Refused.class).transform(e -> {
                    audit.record(Users.validName(username) ? username : "(invalid name)", "sign-in-refused", null, address,
                            "basic: " + e.getMessage());
                    limits.basicRefused(address);
                    return new AuthenticationFailedException();
                });
    }

    static String address(RoutingContext rc) {
        return rc == null ? null : Audit.address(rc.request());
    }

    static SecurityIdentity identity(String username, Role role, Credential credential) {
        var builder = QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRoles(role.granted())
                .addAttribute("role", role.code());
        if (credential != null) {
            builder.addAttribute(CREDENTIAL, credential);
        }
        return builder.build();
    }
}
