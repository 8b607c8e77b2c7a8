package id.bontang.pantau.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sessions end when they should, on the server and on the sockets they opened: sign-out, a password, role or state
 * change, a revoked display. With the shipped security settings (the wall not anonymous), a database and a real broker.
 */
@QuarkusTest
@TestProfile(SessionsTest.Closed.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class SessionsTest {

    /** The wall closed as in SecurityTest; sockets checked every second; sign-in allowance of its own. */
    public static class Closed extends SecurityTest.Closed {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("pantau.security.sign-in-rate-per-address", "100000");
            config.put("pantau.security.socket-recheck", "1s");
            return config;
        }
    }

    @TestHTTPResource("/ws/wall")
    URI wallSocket;

    /** A socket to /ws/wall that remembers how it was closed. */
    static final class Socket implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    private Socket open(String header, String value, String query) throws Exception {
        Socket socket = new Socket();
        URI ws = URI.create("ws://" + wallSocket.getHost() + ":" + wallSocket.getPort() + wallSocket.getPath());
        URI uri = query == null ? ws : URI.create(ws + "?" + query);
        socket.ws = HttpClient.newHttpClient().newWebSocketBuilder().header(header, value).buildAsync(uri, socket)
                .get(10, TimeUnit.SECONDS);
        return socket;
    }

    private static void closedForSignIn(Socket socket, String why) throws Exception {
        assertThat(socket.closed.get(15, TimeUnit.SECONDS)).as(why).isEqualTo(4401);
    }

    /** The session cookie ({@code name=value}) of a form sign-in. */
    static String signIn(String user, String password) {
        Response signedIn = given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = signedIn.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
                .findFirst().orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static void user(String name, String role, String password) {
        SignIn.admin().contentType("application/json").body(Map.of("username", name, "role", role, "password", password))
                .post("/api/v1/users").then().statusCode(201);
    }

    private static int withCookie(String cookie, String path) {
        return given().redirects().follow(false).header("Cookie", cookie).get(path).statusCode();
    }

    @Test
    void verifiesThatSignOutEndsTheSessionForEveryCopyOfItsCookieAndClosesItsSockets() throws Exception {
        Ready.await();
        user("s-operator", "operator", "a session operator password");
        String session = signIn("s-operator", "a session operator password");
        assertThat(withCookie(session, "/api/v1/alarms")).isEqualTo(200);
        Socket console = open("Cookie", session, "client=console");
        // The copy of the cookie that signs out, and the copy an attacker kept: both end.
        given().redirects().follow(false).header("Cookie", session).post("/sign-out").then().statusCode(303);
        Response refused = given().redirects().follow(false).header("Cookie", session).get("/api/v1/alarms");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.jsonPath().getString("reason")).isEqualTo("credentials-refused");
        closedForSignIn(console, "the console's socket closes once its session is signed out");
        // A page asked for with the ended session is sent to sign in, and back afterwards.
        Response page = given().redirects().follow(false).header("Cookie", session).accept("text/html").get("/console");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.getHeader("Location")).endsWith("/login.html");
        assertThat(page.getHeaders().getValues("Set-Cookie")).anyMatch(c -> c.startsWith("pantau-return=/console;"));
        Response back = given().redirects().follow(false).cookie("pantau-return", "/console")
                .formParam("j_username", "s-operator").formParam("j_password", "a session operator password").post("/j_security_check");
        assertThat(back.getHeader("Location")).isEqualTo("/console");
        // Never to another site.
        Response elsewhere = given().redirects().follow(false).cookie("pantau-return", "//evil.example/")
                .formParam("j_username", "s-operator").formParam("j_password", "a session operator password").post("/j_security_check");
        assertThat(elsewhere.getHeader("Location")).isEqualTo("/");
    }

    @Test
    void verifiesThatAPasswordRoleOrStateChangeEndsTheUsersSessionsAndSockets() throws Exception {
        Ready.await();
        for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("password", "another long password"),
                Map.of("role", "viewer"), Map.of("disabled", true))) {
            String name = "s-changed-" + change.keySet().iterator().next();
            user(name, "operator", "the first long password");
            String session = signIn(name, "the first long password");
            Socket bySession = open("Cookie", session, null);
            Socket byBasic = open("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((name + ":the first long password").getBytes()), null);
            assertThat(withCookie(session, "/api/v1/tiles")).isEqualTo(200);
            SignIn.admin().contentType("application/json").body(change).patch("/api/v1/users/" + name).then().statusCode(204);
            assertThat(withCookie(session, "/api/v1/tiles")).as(change + " ends the session").isEqualTo(401);
            closedForSignIn(bySession, change + " closes the socket of its session");
            closedForSignIn(byBasic, change + " closes the socket signed in with HTTP Basic");
        }
        SignIn.admin().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "pantau_wall_disconnected_total{reason=\"signed-out\"}"));
    }

    @Test
    void verifiesThatRevokingADisplayClosesItsOpenSocket() throws Exception {
        Ready.await();
        var created = SignIn.admin().contentType("application/json").body(Map.of("label", "Wall centre"))
                .post("/api/v1/displays").then().statusCode(201).extract().jsonPath();
        given().body(created.getString("token")).post("/display/session").then().statusCode(204);
        Socket wall = open("Cookie", DisplayMechanism.COOKIE + "=" + created.getString("token"), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/walls").asString()
                .contains("display:" + created.getString("display.id")));
        SignIn.admin().delete("/api/v1/displays/" + created.getString("display.id")).then().statusCode(204);
        closedForSignIn(wall, "the revoked display's socket closes");
    }

    @Test
    void verifiesThatTheLastEnabledAdminCannotBeDisabledOrDemoted() {
        Ready.await();
        for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("disabled", true), Map.of("role", "operator"))) {
            SignIn.admin().contentType("application/json").body(change).patch("/api/v1/users/admin").then().statusCode(409)
                    .body("reason", org.hamcrest.Matchers.equalTo("last-admin"));
        }
        user("s-second-admin", "admin", "a second admin password");
        SignIn.admin().contentType("application/json").body(Map.of("role", "operator")).patch("/api/v1/users/s-second-admin")
                .then().statusCode(204);
        assertThat(SignIn.admin().get("/api/v1/users").jsonPath().getString("find { it.username == 'admin' }.role"))
                .isEqualTo("ADMIN");
    }

    @Test
    void verifiesThatOnlyAnOperatorsConsoleIsLeftOutOfTheFrozenWallWatch() throws Exception {
        Ready.await();
        user("s-viewer", "viewer", "a viewer's long password");
        user("s-console", "operator", "an operator's long password");
        Socket viewer = open("Cookie", signIn("s-viewer", "a viewer's long password"), "client=console");
        Socket console = open("Cookie", signIn("s-console", "an operator's long password"), "client=console");
        await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/walls").asString().contains("s-viewer"));
        assertThat(SignIn.admin().get("/api/v1/walls").asString()).as("an operator's console is no wall").doesNotContain("s-console");
        viewer.ws.abort();
        console.ws.abort();
    }

    @Test
    void verifiesThatNoPageOrFileIsKeptByASharedCacheAndANewReleaseIsFetchedAtOnce() {
        Ready.await();
        for (String path : List.of("/console", "/console.js", "/wall.js", "/", "/admin.html")) {
            String cache = SignIn.admin().get(path).then().statusCode(200).extract().header("Cache-Control");
            assertThat(cache).as(path).contains("private").contains("no-cache").doesNotContain("public").doesNotContain("immutable");
        }
        assertThat(given().get("/login.css").header("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(SignIn.admin().get("/api/v1/users").header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void verifiesThatABurstOfWrongPasswordsNeitherBringsBackAnOldPasswordNorRefusesARightOne() throws Exception {
        Ready.await();
        user("s-admin-burst", "admin", "the first admin password");
        SignIn.as("s-admin-burst", "the first admin password").contentType("application/json")
                .body(Map.of("password", "the changed admin password")).patch("/api/v1/users/s-admin-burst").then().statusCode(204);
        user("s-analyst-burst", "analyst", "the analyst's right password");
        List<CompletableFuture<int[]>> answers = new ArrayList<>();
        java.util.concurrent.ExecutorService burst = java.util.concurrent.Executors.newFixedThreadPool(120);
        for (int i = 0; i < 160; i++) {
            int kind = i % 8; // 0: the old password, 1: the right one of another user, else: wrong
            answers.add(CompletableFuture.supplyAsync(() -> {
                Response r = kind == 0 ? SignIn.as("s-admin-burst", "the first admin password").get("/api/v1/users")
                        : kind == 1 ? SignIn.as("s-analyst-burst", "the analyst's right password").get("/api/v1/dead-letters")
                        : SignIn.as("nobody-" + kind, "wrong password " + kind).get("/api/v1/tiles");
                boolean unavailable = r.statusCode() == 503 && "user-store-unavailable".equals(r.jsonPath().getString("reason"));
                return new int[] {kind, r.statusCode(), unavailable ? 1 : 0};
            }, burst));
        }
        List<int[]> all = answers.stream().map(CompletableFuture::join).toList();
        burst.shutdown();
        assertThat(all.stream().filter(a -> a[0] == 0).map(a -> a[1])).as("the old password").allMatch(s -> s == 401 || s == 503);
        assertThat(all.stream().filter(a -> a[0] == 1).map(a -> a[1])).as("a right password is never refused")
                .allMatch(s -> s == 200 || s == 503).contains(200);
        assertThat(all.stream().filter(a -> a[0] > 1).map(a -> a[1])).as("wrong passwords").allMatch(s -> s == 401 || s == 503);
        assertThat(all).as("the user store is never taken for unavailable").noneMatch(a -> a[2] == 1);
        // And right afterwards everything answers as before.
        assertThat(SignIn.as("s-analyst-burst", "the analyst's right password").get("/api/v1/dead-letters").statusCode()).isEqualTo(200);
        // The old password's tries count as wrong ones: the user is locked out (lockout-attempts 3), not signed in.
        assertThat(SignIn.as("s-admin-burst", "the changed admin password").get("/api/v1/users").statusCode()).isEqualTo(401);
    }

    @Test
    void verifiesThatAnUnknownDisabledOrLockedOutUserTakesAsLongAsAWrongPassword() {
        Ready.await();
        user("s-timing-wrong", "viewer", "a timing password");
        user("s-timing-disabled", "viewer", "a timing password");
        user("s-timing-locked", "viewer", "a timing password");
        SignIn.admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/v1/users/s-timing-disabled")
                .then().statusCode(204);
        for (int i = 0; i < 3; i++) { // lockout-attempts is 3 in this profile
            SignIn.as("s-timing-locked", "not it").get("/api/v1/tiles").then().statusCode(401);
        }
        // Round robin, so that a busy moment of the machine falls on every kind of refusal alike.
        List<String> who = List.of("s-timing-wrong", "s-timing-disabled", "s-timing-locked", "s-timing-unknown");
        Map<String, List<Long>> times = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            for (String user : who) {
                String password = user.equals("s-timing-wrong") && i % 2 == 1 ? "a timing password" : "not the password";
                long start = System.nanoTime();
                int status = SignIn.as(user, password).get("/api/v1/tiles").statusCode();
                if (!(user.equals("s-timing-wrong") && status == 200)) { // the right password keeps it from locking
                    times.computeIfAbsent(user, u -> new ArrayList<>()).add(System.nanoTime() - start);
                    assertThat(status).as(user).isEqualTo(401);
                }
            }
        }
        Map<String, Long> median = new HashMap<>();
        times.forEach((user, t) -> median.put(user, t.stream().sorted().toList().get(t.size() / 2)));
        long wrong = median.get("s-timing-wrong");
        // bcrypt is tens of milliseconds; a refusal that skips it answers in a few (seen: 3.6 ms against 150 ms). The
        // bounds are wide because a loaded machine stretches single answers (a 2x bound failed once at 212.8 ms).
        median.forEach((user, t) -> assertThat(t).as(user + " against a wrong password's " + wrong / 1_000_000 + " ms")
                .isBetween(wrong / 3, wrong * 3));
    }

    @jakarta.inject.Inject
    Sessions sessions;

    @jakarta.inject.Inject
    Passwords passwords;

    @Test
    void verifiesThatASignInCheckedBeforeAPasswordChangeGetsNoSession() throws Exception {
        Ready.await();
        user("s-in-flight", "operator", "the password checked first");
        Passwords.Verified checked = passwords.authenticate("s-in-flight", "the password checked first");
        // The admin changes the password while that sign-in waits to open its session.
        SignIn.admin().contentType("application/json").body(Map.of("password", "the password set meanwhile"))
                .patch("/api/v1/users/s-in-flight").then().statusCode(204);
        assertThat(sessions.open("s-in-flight", checked.role(), checked.stamp(), "127.0.0.1")).as("no session").isNull();
        Passwords.Verified now = passwords.authenticate("s-in-flight", "the password set meanwhile");
        assertThat(sessions.open("s-in-flight", now.role(), now.stamp(), "127.0.0.1")).startsWith(Sessions.PREFIX);
    }
}
