package id.bontang.pantau.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * A signed-in user whose role may not open a page (the console, the admin page: HTTP permissions of
 * application.properties) is told so in words, with the way on: the wall, or the sign-in form to sign in as someone
 * who may. A script gets the problem body of {@link RoleRefused}; {@code /api/…} is left to it.
 */
@Singleton
public class PageRefused {

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 21).failureHandler(rc -> {
            if (!(rc.failure() instanceof ForbiddenException) || rc.response().headWritten() || rc.normalizedPath().startsWith("/api/")) {
                rc.next();
            } else if (Challenge.wantsPage(rc)) {
                rc.response().setStatusCode(403).putHeader("Content-Type", "text/html; charset=utf-8").end(page(rc));
            } else {
                Refusal.send(rc, 403, "Forbidden", "forbidden", RoleRefused.detail(rc.request().method().name(), rc.normalizedPath()));
            }
        });
    }

    private static String page(RoutingContext rc) {
        String name = rc.user() instanceof QuarkusHttpUser user ? escape(user.getSecurityIdentity().getPrincipal().getName()) : "?";
        return """
                <!doctype html>
                <html lang="id">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Pantau — bukan untuk peran Anda / not for your role</title>
                  <link rel="icon" href="data:,">
                  <link rel="stylesheet" href="/login.css">
                </head>
                <body>
                  <main class="signin">
                    <h1><span class="logo">PANTAU</span> Bontang Command Center</h1>
                    <p class="refused">Anda masuk sebagai <b>%1$s</b>; peran Anda tidak boleh membuka halaman ini.
                      Mintalah peran yang boleh kepada admin.<br>
                      You are signed in as <b>%1$s</b>, whose role may not open this page. An admin can give you a role
                      that may.</p>
                    <p><a href="/">Ke layar dinding / To the wall</a> ·
                      <a href="/login.html">Masuk sebagai pengguna lain / Sign in as someone else</a></p>
                  </main>
                </body>
                </html>
                """.formatted(name);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
