package id.bontang.pantau.security;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code POST /sign-out}: ends this browser's session on every instance (its open sockets close within
 * {@code pantau.security.socket-recheck}), forgets the cookie and goes back to the sign-in page.
 */
@Singleton
public class SignOut {

    public static final String PATH = "/sign-out";

    private final Audit audit;
    private final Sessions sessions;

    public SignOut(Audit audit, Sessions sessions) {
        this.audit = audit;
        this.sessions = sessions;
    }

    void routes(@Observes Router router) {
        router.post(PATH).blockingHandler(rc -> {
            if (rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
                audit.record(user.getSecurityIdentity().getPrincipal().getName(), "sign-out", null,
                        PasswordIdentityProvider.address(rc), null);
            }
            Cookie cookie = rc.request().getCookie(Sessions.COOKIE);
            if (cookie != null) {
                try {
                    sessions.end(cookie.getValue());
                } catch (java.sql.SQLException e) {
                    // The cookie still goes; the stored session ends at its idle time. Said, not hidden.
                    Log.warnf("Security: session not ended in the database (%s)", e.getMessage());
                }
            }
            rc.response().addCookie(SessionMechanism.expired(Sessions.COOKIE));
            rc.response().setStatusCode(303).putHeader("Location", "/login.html#signed-out").end();
        });
    }
}
