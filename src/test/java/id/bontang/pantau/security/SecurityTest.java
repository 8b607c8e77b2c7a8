package id.bontang.pantau.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, against the running application with the shipped security settings (the wall not anonymous),
 * a database for the user store and a real broker.
 */
@QuarkusTest
@TestProfile(SecurityTest.Closed.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class SecurityTest {

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.security.wall-anonymous", "false", "pantau.security.lockout-attempts", "3",
                    "pantau.security.sign-in-rate-per-address", "8", "pantau.security.feed-rate-per-key", "5",
                    // call112's key given as its digest: printf '%s' test-key-call112-0123456789 | sha256sum
                    "pantau.feed-keys", "call112=sha256:b3d19b06cf35e1e05573bf1d056bc2abd5ebb45fd319b061f74f8421ad2a91bd,umkm=test-key-umkm-0123456789");
        }
    }

    /** Paths anyone may call: health for orchestrators, the feed API (its own key), signing in and out. */
    static final Set<String> OPEN = Set.of("/q/health", "/q/health/ready", "/q/health/live", "/q/health/started",
            "/q/health/group/storage", "/api/v1/feeds/{feedId}", "/login.html", "/login.css", "/j_security_check", "/sign-out");

    @Inject
    Router router;

    @TestHTTPResource("/ws/wall")
    URI wallSocket;

    private static int status(Response r) {
        return r.statusCode();
    }

    @Test
    void verifiesThatEveryRouteAnswersOnlySignedInUsersButTheOpenOnes() throws Exception {
        Ready.await();
        JsonNode api = new ObjectMapper().readTree(SignIn.admin().accept("application/json").get("/q/openapi").asString());
        List<String> walked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            String url = path.getKey().replace("{feedId}", "call112").replace("{username}", "nobody").replace("{id}", "nobody")
                    .replace("{source}", "tide-loktuan").replace("{version}", "1").replace("{section}", "devices")
                    .replace("{token}", "1.1.x.y").replace("{name}", "spring-tide");
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase();
                Response answer = given().redirects().follow(false).contentType("application/json").body("{}").request(method, url);
                int anonymous = status(answer);
                walked.add(method + " " + path.getKey());
                if (path.getKey().startsWith("/api/v1/feeds/")) { // open to applications, which show their feed key
                    assertThat(answer.jsonPath().getString("reason")).as("the feed API's own refusal").isEqualTo("unauthorized");
                } else if (path.getKey().equals("/api/v1/connectors/{id}/uplinks")) { // a webhook, with its shared secret
                    Response webhook = given().body("{}").post("/api/v1/connectors/tts-bontang/uplinks");
                    assertThat(webhook.statusCode()).as("the webhook's own refusal").isEqualTo(401);
                    assertThat(webhook.jsonPath().getString("reason")).isEqualTo("unauthorized");
                } else if (OPEN.contains(path.getKey())) {
                    assertThat(anonymous).as(method + " " + path.getKey() + " is open").isNotIn(302, 401);
                } else { // 302: to the sign-in page (the form is the challenge); API clients send Basic credentials
                    assertThat(anonymous).as(method + " " + path.getKey() + " without credentials").isIn(302, 401);
                }
            }
        }
        assertThat(walked).contains("GET /api/v1/tiles", "GET /api/v1/series", "GET /api/v1/dead-letters", "GET /api/v1/users",
                "GET /api/v1/audit", "GET /api/v1/alarms", "POST /api/v1/alarms/{id}/ack",
                "PUT /api/v1/alarms/out-of-service/{source}", "POST /api/v1/feeds/{feedId}", "PUT /api/v1/catalog",
                "GET /api/v1/catalog/versions/{version}", "DELETE /api/v1/catalog/{section}/{id}",
                "PUT /api/v1/notifications/settings", "PUT /api/v1/notifications/me", "GET /api/v1/notifications/alarms/{id}",
                "POST /api/v1/notifications/links/{token}", "POST /api/v1/simulator/scenarios/{name}");
        // Routes outside JAX-RS (the wall's socket, static files, Quarkus' own) each have a rule too.
        for (String path : List.of("/", "/index.html", "/city.js", "/wall.js", "/ws/wall", "/q/metrics", "/q/openapi", "/api/v1/no-such-thing",
                "/console", "/console.html", "/console.js", "/js/protocol.js", "/js/wall/map.js", "/js/console/open.js",
                "/catalog.html", "/catalog.js")) {
            assertThat(status(given().redirects().follow(false).get(path))).as(path + " without credentials").isIn(302, 401);
        }
        for (String path : List.of("/login.html", "/q/health/ready")) {
            assertThat(status(given().get(path))).as(path).isEqualTo(200);
        }
        List<String> plain = router.getRoutes().stream().map(Route::getPath).filter(p -> p != null && !p.startsWith("/q/"))
                .distinct().toList();
        assertThat(plain).as("plain Vert.x routes, each named in application.properties' permissions")
                .allMatch(p -> Set.of("/", "/ws/wall", "/sign-out", "/j_security_check", "/display/session", "/console").contains(p)
                        || p.startsWith("/webjars"));
    }

    @Test
    void verifiesThatEachRoleReachesWhatItMayAndIsRefusedTheRest() {
        Ready.await();
        for (String role : List.of("viewer", "operator", "analyst")) {
            SignIn.admin().contentType("application/json")
                    .body(Map.of("username", "a-" + role, "role", role, "password", "correct horse " + role))
                    .post("/api/v1/users").then().statusCode(201);
        }
        for (String role : List.of("viewer", "operator", "analyst")) {
            var as = SignIn.as("a-" + role, "correct horse " + role);
            assertThat(status(as.get("/api/v1/tiles"))).as(role + " reads tiles").isEqualTo(200);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).get("/api/v1/series")))
                    .as(role + " reads series").isEqualTo(role.equals("analyst") ? 400 : 403); // 400: no series named
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).get("/api/v1/dead-letters")))
                    .as(role + " reads dead letters").isEqualTo(role.equals("analyst") ? 200 : 403);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).get("/api/v1/users")))
                    .as(role + " lists users").isEqualTo(403);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).get("/api/v1/alarms")))
                    .as(role + " lists alarms").isEqualTo(role.equals("operator") ? 200 : 403);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).redirects().follow(false).get("/console")))
                    .as(role + " opens the console").isEqualTo(role.equals("operator") ? 200 : 403);
            // The pages' modules go with their pages: the wall's and the shared ones to every role, the console's to operators.
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).get("/js/protocol.js")))
                    .as(role + " loads the wall's modules").isEqualTo(200);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).redirects().follow(false).get("/js/console/open.js")))
                    .as(role + " loads the console's modules").isEqualTo(role.equals("operator") ? 200 : 403);
            // Notifications: their own contacts for operators and analysts, not viewers (displays); the rules, the
            // daily summary and the simulator's scenarios for admins only; an alarm's trail and its links for operators.
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).get("/api/v1/notifications/me")))
                    .as(role + " reads their own notification settings").isEqualTo(role.equals("viewer") ? 403 : 200);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).contentType("application/json")
                    .body("{\"contacts\": {\"email\": \"x@pantau.test\"}}").put("/api/v1/notifications/me")))
                    .as(role + " sets their own contact points").isEqualTo(role.equals("viewer") ? 403 : 200);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).get("/api/v1/notifications/settings")))
                    .as(role + " reads the notification rules").isEqualTo(403);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).contentType("application/json")
                    .body("{\"version\": 0, \"settings\": {}}").put("/api/v1/notifications/settings")))
                    .as(role + " replaces the notification rules").isEqualTo(403);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).post("/api/v1/notifications/daily-summary")))
                    .as(role + " sends the daily summary").isEqualTo(403);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).get("/api/v1/notifications/alarms/1")))
                    .as(role + " reads an alarm's deliveries").isEqualTo(role.equals("operator") ? 200 : 403);
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).contentType("application/json").body("{}")
                    .post("/api/v1/notifications/links/1.1.x.y"))).as(role + " acknowledges from a link")
                    .isEqualTo(role.equals("operator") ? 400 : 403); // 400: the operator's link is not one Pantau made
            assertThat(status(SignIn.as("a-" + role, "correct horse " + role).post("/api/v1/simulator/scenarios/spring-tide")))
                    .as(role + " starts a scenario").isEqualTo(403);
        }
        // A refusal for the role says why, in a problem body: by a resource's roles, and by an HTTP permission.
        for (String path : List.of("/api/v1/users", "/api/v1/alarms")) {
            SignIn.as("a-viewer", "correct horse viewer").get(path).then().statusCode(403)
                    .contentType("application/problem+json").body("reason", equalTo("forbidden"))
                    .body("detail", org.hamcrest.Matchers.startsWith("your role may not GET " + path));
        }
        // A page refused for the role says so in words, with the way on; a script asking for it gets a problem body.
        SignIn.as("a-viewer", "correct horse viewer").accept("text/html").get("/console").then().statusCode(403)
                .contentType(org.hamcrest.Matchers.containsString("text/html"))
                .body(org.hamcrest.Matchers.containsString("signed in as <b>a-viewer</b>, whose role may not open this page"),
                        org.hamcrest.Matchers.containsString("href=\"/login.html\""));
        SignIn.as("a-viewer", "correct horse viewer").get("/console").then().statusCode(403)
                .contentType("application/problem+json").body("reason", equalTo("forbidden"))
                .body("detail", org.hamcrest.Matchers.startsWith("your role may not GET /console"));
        SignIn.as("a-operator", "correct horse operator").accept("text/html").get("/admin.html").then().statusCode(403)
                .body(org.hamcrest.Matchers.containsString("signed in as <b>a-operator</b>"));
        SignIn.as("a-operator", "correct horse operator").get("/catalog.html").then().statusCode(403); // stewards' page
        SignIn.admin().get("/catalog.html").then().statusCode(200);
        SignIn.admin().get("/api/v1/users").then().statusCode(200).body("find { it.username == 'a-analyst' }.role", equalTo("ANALYST"));
        SignIn.admin().get("/api/v1/audit").then().body("find { it.action == 'user-created' && it.subject == 'a-analyst' }.actor",
                equalTo("admin"));
        // Disabled: refused at once, whatever the password.
        SignIn.admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/v1/users/a-viewer")
                .then().statusCode(204);
        assertThat(status(SignIn.as("a-viewer", "correct horse viewer").redirects().follow(false).get("/api/v1/tiles"))).isIn(302, 401);
        assertThat(SignIn.admin().get("/api/v1/users").asString()).doesNotContain("correct horse").doesNotContain("$2a$");
    }

    @Test
    void verifiesThatRepeatedWrongPasswordsLockAUserOutUntilTheAdminResetsIt() {
        Ready.await();
        SignIn.admin().contentType("application/json")
                .body(Map.of("username", "locked", "role", "viewer", "password", "the right password"))
                .post("/api/v1/users").then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            assertThat(status(SignIn.as("locked", "a wrong password").redirects().follow(false).get("/api/v1/tiles"))).isIn(302, 401);
        }
        assertThat(status(SignIn.as("locked", "the right password").redirects().follow(false).get("/api/v1/tiles")))
                .as("locked out").isIn(302, 401);
        SignIn.admin().contentType("application/json").body(Map.of("password", "a new right password"))
                .patch("/api/v1/users/locked").then().statusCode(204);
        assertThat(status(SignIn.as("locked", "a new right password").get("/api/v1/tiles"))).isEqualTo(200);
        SignIn.admin().contentType("application/json").body(Map.of("username", "weak", "role", "viewer", "password", "short"))
                .post("/api/v1/users").then().statusCode(400).body("reason", equalTo("weak-password"));
    }

    @Test
    void verifiesThatTheSignInFormGivesAnHttpOnlySessionCookieAndSignOutEndsIt() {
        Ready.await();
        Response signedIn = given().redirects().follow(false).formParam("j_username", "admin")
                .formParam("j_password", SignIn.ADMIN_PASSWORD).post("/j_security_check");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie = signedIn.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
                .findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String session = cookie.substring(0, cookie.indexOf(';'));
        given().header("Cookie", session).get("/api/v1/dead-letters").then().statusCode(200);
        Response wrong = given().redirects().follow(false).accept("text/html").formParam("j_username", "admin")
                .formParam("j_password", "wrong").post("/j_security_check");
        assertThat(wrong.getHeader("Location")).endsWith("/login.html#error");
        Response out = given().redirects().follow(false).header("Cookie", session).post("/sign-out");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.getHeader("Set-Cookie")).startsWith(Sessions.COOKIE + "=;").containsIgnoringCase("Max-Age=0");
        // Who, what, from where; never the password.
        var audit = SignIn.admin().get("/api/v1/audit?limit=50").then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("findAll { it.actor == 'admin' }.action")).contains("sign-in", "sign-in-refused", "sign-out");
        assertThat(audit.getString("find { it.action == 'sign-in' }.address")).isEqualTo("127.0.0.1");
        assertThat(SignIn.admin().get("/api/v1/audit?limit=500").asString()).doesNotContain(SignIn.ADMIN_PASSWORD);
    }

    @Test
    void verifiesThatASessionEndsAtTheNextRequestOnceItsUserIsDisabled() {
        Ready.await();
        SignIn.admin().contentType("application/json")
                .body(Map.of("username", "session-user", "role", "analyst", "password", "a session password"))
                .post("/api/v1/users").then().statusCode(201);
        Response signedIn = given().redirects().follow(false).formParam("j_username", "session-user")
                .formParam("j_password", "a session password").post("/j_security_check");
        String cookie = signedIn.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
                .findFirst().orElseThrow();
        String session = cookie.substring(0, cookie.indexOf(';'));
        given().header("Cookie", session).get("/api/v1/dead-letters").then().statusCode(200);
        SignIn.admin().contentType("application/json").body(Map.of("disabled", true)).patch("/api/v1/users/session-user")
                .then().statusCode(204);
        Response refused = given().redirects().follow(false).header("Cookie", session).get("/api/v1/dead-letters");
        assertThat(refused.statusCode()).as("the cookie no longer signs in").isEqualTo(401);
        assertThat(refused.jsonPath().getString("reason")).isEqualTo("credentials-refused");
        assertThat(refused.getHeader("Location")).as("a script is not sent to the sign-in page").isNull();
        assertThat(refused.getHeaders().getValues("Set-Cookie")).as("nor is its next sign-in sent back to an API")
                .noneMatch(c -> c.startsWith("quarkus-redirect-location=") && !c.contains("Max-Age=0"));
        // The sign-in page itself still answers with that cookie: no round of redirects.
        assertThat(status(given().redirects().follow(false).header("Cookie", session).accept("text/html").get("/login.html")))
                .isEqualTo(200);
    }

    @Test
    void verifiesThatACrossSiteWebSocketOrPostIsRefusedAndTheSameSiteOneAccepted() throws Exception {
        Ready.await();
        String credentials = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + SignIn.ADMIN_PASSWORD).getBytes());
        URI ws = URI.create("ws://" + wallSocket.getHost() + ":" + wallSocket.getPort() + "/ws/wall");
        HttpClient http = HttpClient.newHttpClient();
        WebSocket.Listener ignore = new WebSocket.Listener() {
        };
        try {
            http.newWebSocketBuilder().header("Origin", "http://evil.example").header("Authorization", credentials)
                    .buildAsync(ws, ignore).get(10, TimeUnit.SECONDS);
            throw new AssertionError("a cross-site upgrade was accepted");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            assertThat(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403);
        }
        WebSocket same = http.newWebSocketBuilder().header("Origin", "http://" + wallSocket.getHost() + ":" + wallSocket.getPort())
                .header("Authorization", credentials).buildAsync(ws, ignore).get(10, TimeUnit.SECONDS);
        same.abort();
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(ws.toString().replace("ws://", "http://")
                .replace("/ws/wall", "/api/v1/users"))).header("Origin", "http://evil.example").header("Authorization", credentials)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("cross-site-request");
    }

    @Test
    void verifiesThatAScriptGets401AndABrowserTheSignInPage() {
        Ready.await();
        Response api = given().redirects().follow(false).get("/api/v1/series");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.getHeader("WWW-Authenticate")).startsWith("Basic");
        // Why, in a problem body: nothing was sent, or what was sent was refused.
        assertThat(api.getContentType()).isEqualTo("application/problem+json");
        assertThat(api.jsonPath().getString("reason")).isEqualTo("sign-in-required");
        assertThat(api.jsonPath().getString("detail")).contains("HTTP Basic");
        Response wrong = SignIn.as("nobody-here", "not the password").redirects().follow(false).get("/api/v1/series");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.getHeader("WWW-Authenticate")).startsWith("Basic");
        assertThat(wrong.jsonPath().getString("reason")).isEqualTo("credentials-refused");
        assertThat(wrong.asString()).doesNotContain("not the password");
        Response page = given().redirects().follow(false).accept("text/html,application/xhtml+xml").get("/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.getHeader("Location")).endsWith("/login.html");
        assertThat(status(given().redirects().follow(false).get("/q/metrics"))).isEqualTo(401);
    }

    @Test
    void verifiesThatEveryAnswerCarriesTheBrowserProtections() {
        for (String path : List.of("/login.html", "/api/v1/tiles", "/q/health/ready")) {
            Response r = given().redirects().follow(false).get(path);
            assertThat(r.getHeader("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'")
                    .contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(r.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.getHeader("Referrer-Policy")).as(path).isEqualTo("same-origin");
        }
    }

    @Test
    void verifiesThatRequestsRefusedBeforeTheirKeyIsCheckedLeaveNoDeadLetterAndAHashedKeyWorks() {
        Ready.await();
        given().contentType("application/json").body("{\"values\": {\"calls\": 1}, \"note\": \"anyone-could-write-this\"}")
                .post("/api/v1/feeds/no-such-feed").then().statusCode(404).body("reason", equalTo("unknown-feed"));
        given().contentType("application/json").header("Authorization", "Bearer wrong")
                .body("{\"values\": {\"calls\": 1}, \"note\": \"anyone-could-write-this\"}")
                .post("/api/v1/feeds/umkm").then().statusCode(403);
        assertThat(SignIn.admin().get("/api/v1/dead-letters").asString()).doesNotContain("anyone-could-write-this")
                .doesNotContain("no-such-feed");
        assertThat(SignIn.admin().get("/q/metrics").asString()).contains("pantau_ingest_rejected_total{reason=\"unknown-feed\"}");
        // call112's key is configured as sha256:…; the clear key still opens it.
        given().contentType("application/json").header("Authorization", "Bearer test-key-call112-0123456789").body("{\"values\": {\"calls\": 1}}")
                .post("/api/v1/feeds/call112").then().statusCode(202);
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: it spends this address's sign-in allowance
    void verifiesThatSignInAndTheFeedApiAreRateLimitedWith429AndRetryAfter() {
        Ready.await();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            statuses.add(status(given().redirects().follow(false).formParam("j_username", "nobody").formParam("j_password", "x")
                    .post("/j_security_check")));
        }
        assertThat(statuses).as("8 a minute from one address").contains(429);
        Response limited = given().redirects().follow(false).formParam("j_username", "nobody").formParam("j_password", "x")
                .post("/j_security_check");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 60);
        statuses.clear();
        for (int i = 0; i < 12; i++) {
            statuses.add(status(given().contentType("application/json").header("Authorization", "Bearer same-wrong-key")
                    .body("{}").post("/api/v1/feeds/umkm")));
        }
        assertThat(statuses).as("5 a second per key").contains(403, 429);
        assertThat(SignIn.admin().get("/q/metrics").asString()).contains("pantau_http_rate_limited_total{limit=\"sign-in\"}")
                .contains("pantau_http_rate_limited_total{limit=\"feed-key\"}");
        // Refused HTTP Basic credentials from one address: past 8 a minute, Basic from there waits, right or wrong.
        for (int i = 0; i < 8; i++) {
            SignIn.as("nobody", "guess " + i).get("/api/v1/tiles");
        }
        Response waits = SignIn.admin().get("/api/v1/tiles");
        assertThat(waits.statusCode()).isEqualTo(429);
        assertThat(waits.getHeader("Retry-After")).isNotNull();
    }
}
