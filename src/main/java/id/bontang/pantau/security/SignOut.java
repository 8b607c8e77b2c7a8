package id.bontang.pantau.security;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** {@code POST /sign-out}: forgets the sign-in form's session cookie and goes back to the sign-in page. */
@Singleton
public class SignOut {

    public static final String PATH = "/sign-out";
    static final String COOKIE = "quarkus-credential";

    private final Audit audit;

    public SignOut(Audit audit) {
        this.audit = audit;
    }

    void routes(@Observes Router router) {
        router.post(PATH).blockingHandler(rc -> {
            if (rc.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
                audit.record(user.getSecurityIdentity().getPrincipal().getName(), "sign-out", null,
                        PasswordIdentityProvider.address(rc), null);
            }
            rc.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
            rc.response().setStatusCode(303).putHeader("Location", "/login.html#signed-out").end();
        });
    }
}
