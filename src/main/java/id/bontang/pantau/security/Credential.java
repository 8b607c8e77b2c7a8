package id.bontang.pantau.security;

/**
 * What a signed-in identity stands on, kept by a socket that stays open after its upgrade so that it can be checked
 * again ({@link Credentials#stillValid}): a session (its token's digest), a display (its id), or a user signed in with
 * HTTP Basic (name and the stamp of its password and role), or a token of the city's identity provider (its expiry).
 */
public record Credential(Kind kind, String key) {

    public enum Kind { SESSION, DISPLAY, USER, EXPIRES }

    static Credential session(String digest) {
        return new Credential(Kind.SESSION, digest);
    }

    static Credential display(String id) {
        return new Credential(Kind.DISPLAY, id);
    }

    static Credential user(String username, String stamp) {
        return new Credential(Kind.USER, username + ":" + stamp);
    }

    /**
     * Of a signed-in identity, or null. A token of the city's identity provider stands until it expires (its
     * {@code exp}, in epoch seconds): a socket opened with it is closed then.
     */
    public static Credential of(io.quarkus.security.identity.SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        Credential own = identity.getAttribute(PasswordIdentityProvider.CREDENTIAL);
        if (own == null && identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken token
                && token.getExpirationTime() > 0) {
            return new Credential(Kind.EXPIRES, Long.toString(token.getExpirationTime()));
        }
        return own;
    }
}
