package id.bontang.pantau.security;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** HTTP Basic and the sign-in form: a user name and password checked against {@link Users}. */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final Users users;

    public PasswordIdentityProvider(Users users) {
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> { // bcrypt and the database: off the event loop
            String username = request.getUsername();
            try {
                Role role = users.authenticate(username, new String(request.getPassword().getPassword()));
                return identity(username, role);
            } catch (Users.Refused e) {
                Log.infof("Security: sign-in of '%s' refused: %s", Users.validName(username) ? username : "(invalid name)",
                        e.getMessage());
                throw new AuthenticationFailedException();
            }
        });
    }

    static SecurityIdentity identity(String username, Role role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRoles(role.granted())
                .addAttribute("role", role.code()).build();
    }
}
