package id.bontang.pantau.security;

import io.quarkus.logging.Log;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code POST /j_security_check}: the sign-in form ({@code j_username}, {@code j_password}, at most 4 KiB). A right
 * password opens a {@link Sessions session} (its cookie: HttpOnly, SameSite=Strict, Secure over TLS) and goes back to
 * the page that sent the browser here, or to the wall; a refused one goes to {@code /login.html#error}; one that could
 * not be checked now (too many at once, the user store unreachable) to {@code /login.html#unavailable}, or 503 for a
 * script. Rate-limited per address by {@link RateLimits}; audited.
 */
@Singleton
public class SignIn {

    public static final String PATH = "/j_security_check";
    private static final int BODY_LIMIT = 4096;

    private final PasswordChecks checks;
    private final Sessions sessions;
    private final Audit audit;

    public SignIn(PasswordChecks checks, Sessions sessions, Audit audit) {
        this.checks = checks;
        this.sessions = sessions;
        this.audit = audit;
    }

    void routes(@Observes Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::signIn);
    }

    private void signIn(RoutingContext rc) {
        String username = rc.request().getFormAttribute("j_username");
        String password = rc.request().getFormAttribute("j_password");
        String address = PasswordIdentityProvider.address(rc);
        if (username == null || password == null || username.isEmpty()) {
            redirect(rc, SessionMechanism.LOGIN_PAGE + "#error");
            return;
        }
        checks.check(username, password).map(verified -> open(username, verified, address)) // on a worker
                .subscribe().with(token -> signedIn(rc, token), failure -> refused(rc, username, address, failure));
    }

    private String open(String username, Passwords.Verified verified, String address) {
        String token;
        try {
            token = sessions.open(username, verified.role(), verified.stamp(), address);
        } catch (java.sql.SQLException e) {
            Log.warnf("Security: session not opened (%s)", e.getMessage());
            throw new SignInUnavailable(SignInUnavailable.STORE, "the session could not be stored");
        }
        if (token == null) { // its password, role or state changed while it was being checked: not with this password
            throw new java.util.concurrent.CompletionException(new Passwords.Refused("changed while signing in"));
        }
        {
            audit.record(username, "sign-in", null, address, "form, role " + verified.role().code());
            return token;
        }
    }

    private void signedIn(RoutingContext rc, String token) {
        rc.response().addCookie(Cookie.cookie(Sessions.COOKIE, token).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(rc.request().isSSL()));
        Cookie back = rc.request().getCookie(SessionMechanism.RETURN_COOKIE);
        String target = back != null && SessionMechanism.safeReturn(back.getValue()) ? back.getValue() : "/";
        if (back != null) {
            rc.response().addCookie(SessionMechanism.expired(SessionMechanism.RETURN_COOKIE));
        }
        redirect(rc, target);
    }

    private void refused(RoutingContext rc, String username, String address, Throwable failure) {
        if (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof Passwords.Refused refused) {
            audit.record(Users.validName(username) ? username : "(invalid name)", "sign-in-refused", null, address,
                    "form: " + refused.getMessage());
            redirect(rc, SessionMechanism.LOGIN_PAGE + "#error");
        } else if (failure instanceof SignInUnavailable unavailable) {
            if (Challenge.wantsPage(rc)) {
                redirect(rc, SessionMechanism.LOGIN_PAGE + "#unavailable");
            } else {
                Challenge.unavailable(rc, unavailable);
            }
        } else {
            Log.errorf(failure, "Security: sign-in failed");
            rc.fail(500);
        }
    }

    private static void redirect(RoutingContext rc, String location) {
        if (!rc.response().ended()) {
            rc.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
        }
    }
}
