package id.bontang.pantau.security;

/**
 * A sign-in that could not be judged now: too many password checks waiting ({@code sign-in-busy}) or the user store
 * unreachable ({@code user-store-unavailable}). Answered 503 with {@code Retry-After}, never 401: the credentials were
 * not refused, and nothing falls back to another password.
 */
public final class SignInUnavailable extends RuntimeException {

    public static final String BUSY = "sign-in-busy";
    public static final String STORE = "user-store-unavailable";

    private final String reason;

    SignInUnavailable(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
