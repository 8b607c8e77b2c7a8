package id.bontang.pantau.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;

/**
 * Grants the roles a role implies (an analyst is a viewer too) to identities that come with bare role names: those
 * of the city's identity provider, whose role claim says {@code analyst}, say. Pantau's own users get them already.
 */
@ApplicationScoped
public class ImpliedRoles implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> granted = new HashSet<>();
        for (String role : identity.getRoles()) {
            Role r = Role.of(role);
            if (r != null) {
                granted.addAll(r.granted());
            }
        }
        if (identity.getRoles().containsAll(granted)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(granted).build());
    }
}
