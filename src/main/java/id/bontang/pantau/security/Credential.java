package id.bontang.pantau.security;

/**
 * What a signed-in identity stands on, kept by a socket that stays open after its upgrade so that it can be checked
 * again ({@link Credentials#stillValid}): a session (its token's digest), a display (its id), or a user signed in with
 * HTTP Basic (name and the stamp of its password and role). An identity of the city's identity provider has none: its
 * tokens expire on their own.
 */
public record Credential(Kind kind, String key) {

    public enum Kind { SESSION, DISPLAY, USER }

    static Credential session(String digest) {
        return new Credential(Kind.SESSION, digest);
    }

    static Credential display(String id) {
        return new Credential(Kind.DISPLAY, id);
    }

    static Credential user(String username, String stamp) {
        return new Credential(Kind.USER, username + ":" + stamp);
    }

    /** Of a signed-in identity, or null. */
    public static Credential of(io.quarkus.security.identity.SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(PasswordIdentityProvider.CREDENTIAL);
    }
}
