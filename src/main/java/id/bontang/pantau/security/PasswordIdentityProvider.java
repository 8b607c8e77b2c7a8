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

/** HTTP Basic and the sign-in form: a user name and password checked against {@link Users}. */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Users users;
    private final Audit audit;
    private final RateLimits limits;

    public PasswordIdentityProvider(Users users, Audit audit, RateLimits limits) {
        this.users = users;
        this.audit = audit;
        this.limits = limits;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = address(rc);
        // The form's sign-in opens a session and is audited; HTTP Basic signs in at every request, audited when refused.
        boolean form = rc != null && "/j_security_check".equals(rc.normalizedPath());
        return context.runBlocking(() -> { // bcrypt and the database: off the event loop
            String username = request.getUsername();
            String name = Users.validName(username) ? username : "(invalid name)";
            try {
                Role role = users.authenticate(username, new String(request.getPassword().getPassword()));
                if (form) {
                    audit.record(username, "sign-in", null, address, "form, role " + role.code());
                }
                return identity(username, role);
            } catch (Users.Refused e) {
                audit.record(name, "sign-in-refused", null, address, (form ? "form: " : "basic: ") + e.getMessage());
                if (!form) {
                    limits.basicRefused(address);
                }
                throw new AuthenticationFailedException();
            }
        });
    }

    static String address(RoutingContext rc) {
        return rc == null ? null : Audit.address(rc.request());
    }

    static SecurityIdentity identity(String username, Role role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRoles(role.granted())
                .addAttribute("role", role.code()).build();
    }
}
