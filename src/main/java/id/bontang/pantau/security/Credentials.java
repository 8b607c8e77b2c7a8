package id.bontang.pantau.security;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks again the credentials that open sockets signed in with: one query per kind for all of them. A credential
 * whose session ended, whose display was revoked, or whose user was disabled or got another password or role is no
 * longer valid, nor is an identity provider's token past its expiry. While the database cannot be reached every credential stays valid: nobody can end one meanwhile, and
 * the wall must keep running through a database outage.
 */
@Singleton
public class Credentials {

    private final Sessions sessions;
    private final Displays displays;
    private final Users users;

    public Credentials(Sessions sessions, Displays displays, Users users) {
        this.sessions = sessions;
        this.displays = displays;
        this.users = users;
    }

    public Set<Credential> stillValid(Collection<Credential> credentials) {
        Set<Credential> valid = new HashSet<>();
        valid.addAll(valid(credentials, Credential.Kind.SESSION, sessions::stillOpen));
        valid.addAll(valid(credentials, Credential.Kind.DISPLAY, displays::stillActive));
        valid.addAll(valid(credentials, Credential.Kind.USER, users::stillValid));
        long now = java.time.Instant.now().getEpochSecond();
        valid.addAll(valid(credentials, Credential.Kind.EXPIRES, expiries -> expiries.stream()
                .filter(e -> Long.parseLong(e) > now).collect(Collectors.toSet())));
        return valid;
    }

    private static Set<Credential> valid(Collection<Credential> all, Credential.Kind kind, Function<Set<String>, Set<String>> check) {
        Set<String> keys = all.stream().filter(c -> c.kind() == kind).map(Credential::key).collect(Collectors.toSet());
        return keys.isEmpty() ? Set.of() : check.apply(keys).stream().map(k -> new Credential(kind, k)).collect(Collectors.toSet());
    }
}
