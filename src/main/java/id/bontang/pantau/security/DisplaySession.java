package id.bontang.pantau.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code POST /display/session} with a display's token as the body: answers 204 with the display cookie, which
 * the kiosk keeps (HttpOnly, for 400 days), or 401. {@code display.html} sends it from the address's fragment, which
 * no server or proxy sees or logs.
 */
@Singleton
public class DisplaySession {

    public static final String PATH = "/display/session";
    private final Displays displays;
    private final Audit audit;

    public DisplaySession(Displays displays, Audit audit) {
        this.displays = displays;
        this.audit = audit;
    }

    void routes(@Observes Router router) {
        router.post(PATH).handler(BodyHandler.create().setBodyLimit(1024)).blockingHandler(rc -> {
            String token = rc.body().asString() == null ? "" : rc.body().asString().trim();
            String address = PasswordIdentityProvider.address(rc);
            java.util.Optional<Displays.Signed> display;
            try {
                display = displays.authenticate(token, address);
            } catch (SignInUnavailable e) { // not refused: the kiosk keeps its token and tries again
                Challenge.unavailable(rc, e);
                return;
            }
            if (display.isEmpty()) {
                audit.record("(display)", "display-refused", null, address, "unknown or revoked token");
                Refusal.send(rc, 401, "Unauthorized", "invalid-display-token",
                        "this display token is unknown or was revoked: ask the admin for a new one");
                return;
            }
            String id = display.get().id();
            audit.record("display:" + id, "display-session", id, address, display.get().label());
            rc.response().addCookie(Cookie.cookie(DisplayMechanism.COOKIE, token).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setSecure(rc.request().isSSL()).setMaxAge(400L * 24 * 3600));
            rc.response().setStatusCode(204).end();
        });
    }
}
