package id.bontang.pantau.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged server with the shipped settings (no session key configured, the wall closed): a session is shared by
 * every instance and survives a restart, ends everywhere at sign-out, and no secret ever reaches the log; the
 * environment's admin password creates {@code admin} once and resets it only when told to.
 */
class SessionsIT {

    private static final String FIRST = "the first admin password";
    private static final String SECOND = "the admin password changed since";

    @Test
    void verifiesThatSessionsAreSharedAndSurviveRestartsAndNoSecretReachesTheLog() throws Exception {
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.env(PantauProcess.storing(broker, db, "sessions-it"),
                    Map.of("PANTAU_ADMIN_PASSWORD", FIRST, "PANTAU_WALL_ANONYMOUS", "false"));
            PantauProcess a = new PantauProcess(env).start();
            PantauProcess b = new PantauProcess(PantauProcess.env(env, Map.of("PANTAU_MQTT_INSTANCE", "sessions-it-b"))).start();
            try {
                String token = signIn(a, "admin", FIRST);
                String cookie = Sessions.COOKIE + "=" + token;
                assertThat(status(b, cookie, "/api/v1/users")).as("the other instance takes the session").isEqualTo(200);

                // The password changed through the API stays changed across a restart.
                a.http().auth().preemptive().basic("admin", FIRST).contentType("application/json")
                        .body(Map.of("password", SECOND)).patch("/api/v1/users/admin").then().statusCode(204);
                PantauProcess other = b; // ends everywhere, within the recheck time of the instance that knew it
                await("a password change ends the sessions").atMost(Duration.ofSeconds(10))
                        .until(() -> status(other, cookie, "/api/v1/users") == 401);
                String second = Sessions.COOKIE + "=" + signIn(a, "admin", SECOND);
                a.stop();
                a = new PantauProcess(env).start();
                assertThat(status(a, second, "/api/v1/users")).as("a session survives the restart").isEqualTo(200);
                assertThat(basic(a, FIRST)).as("the environment's password is not applied again").isEqualTo(401);
                assertThat(basic(a, SECOND)).isEqualTo(200);

                // Signed out on one instance: refused on the other within seconds.
                a.http().redirects().follow(false).header("Cookie", second).post("/sign-out").then().statusCode(303);
                await().atMost(Duration.ofSeconds(10)).until(() -> status(other, second, "/api/v1/users") == 401);

                // An explicit reset brings the environment's password back, and ends the sessions it had.
                String third = Sessions.COOKIE + "=" + signIn(a, "admin", SECOND);
                a.stop();
                a = new PantauProcess(PantauProcess.env(env, Map.of("PANTAU_ADMIN_PASSWORD_RESET", "true"))).start();
                assertThat(basic(a, FIRST)).isEqualTo(200);
                assertThat(basic(a, SECOND)).isEqualTo(401);
                assertThat(status(a, third, "/api/v1/users")).isEqualTo(401);

                for (PantauProcess p : new PantauProcess[] {a, b}) {
                    String log = Files.readString(p.log().toPath());
                    assertThat(log).as("the log").doesNotContain(token).doesNotContain(second.substring(second.indexOf('=') + 1))
                            .doesNotContain(FIRST).doesNotContain(SECOND).doesNotContain(Mosquitto.PANTAU_PASSWORD)
                            .doesNotContainIgnoringCase("encryption key").doesNotContainIgnoringCase("temporary key");
                    // Nothing that looks like key material: no long base64 or hex run anywhere in the log.
                    assertThat(Pattern.compile("[A-Za-z0-9+/_-]{40,}").matcher(log).results().map(m -> m.group())
                            .filter(run -> !run.matches("[a-z./_-]+"))).as("long key-like runs in the log").isEmpty();
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /** The session token of a form sign-in. */
    private static String signIn(PantauProcess p, String user, String password) {
        Response r = p.http().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
        assertThat(r.statusCode()).isEqualTo(302);
        String cookie = r.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no session for " + user + ": " + r.getHeader("Location")));
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private static int status(PantauProcess p, String cookie, String path) {
        return p.http().redirects().follow(false).header("Cookie", cookie).get(path).statusCode();
    }

    private static int basic(PantauProcess p, String password) {
        return p.http().auth().preemptive().basic("admin", password).get("/api/v1/users").statusCode();
    }
}
