package id.bontang.pantau.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import id.bontang.pantau.support.Chromium;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A video wall signed in as a display, in the machine's Chromium, with the wall closed to anonymous viewers. */
@QuarkusTest
@TestProfile(DisplayBrowserTest.Closed.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class DisplayBrowserTest {

    /** The wall closed as in SecurityTest, in an application of its own (its sign-in allowance untouched). */
    public static class Closed extends SecurityTest.Closed {
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void verifiesThatAKioskSignsInOnceWithItsDisplayTokenAndIsRefusedOnceRevoked() {
        Ready.await();
        var created = SignIn.admin().contentType("application/json").body(Map.of("label", "Wall left"))
                .post("/api/v1/displays").then().statusCode(201).extract().jsonPath();
        String token = created.getString("token");
        String id = created.getString("display.id");
        assertThat(token).startsWith(Displays.PREFIX).hasSizeGreaterThan(40);
        assertThat(SignIn.admin().get("/api/v1/displays").asString()).as("the token is shown once").doesNotContain(token);

        try (Chromium chromium = new Chromium()) {
            BrowserContext kiosk = chromium.browser().newContext();
            Page page = kiosk.newPage();
            page.navigate(root + "display.html#" + token);
            page.waitForURL(root.toString());
            page.waitForFunction("() => document.querySelectorAll('[id^=\"tile-\"]').length >= 28");
            page.waitForFunction("() => document.getElementById('conn').dataset.state === 'live'");
            Cookie cookie = kiosk.cookies().stream().filter(c -> c.name.equals(DisplayMechanism.COOKIE)).findFirst().orElseThrow();
            assertThat(cookie.httpOnly).isTrue();
            assertThat(page.evaluate("() => document.cookie")).asString().doesNotContain(token);
            SignIn.admin().get("/api/v1/displays").then().body("find { it.id == '" + id + "' }.lastSeenAt", notNullValue())
                    .body("find { it.id == '" + id + "' }.label", equalTo("Wall left"));

            SignIn.admin().delete("/api/v1/displays/" + id).then().statusCode(204);
            // Its socket closes; the kiosk signs itself in again with its token, which is refused now: it says so.
            page.waitForFunction("() => location.pathname === '/display.html' "
                    + "&& document.getElementById('display-status').textContent.includes('refused')");
            page.navigate(root.toString());
            page.waitForURL("**/login.html");
            // A kiosk with a revoked or made-up token is refused.
            Page other = chromium.browser().newContext().newPage();
            other.navigate(root + "display.html#" + token);
            other.waitForFunction("() => document.getElementById('display-status').textContent.includes('refused')");
            assertThat(other.url()).endsWith("/display.html");
        }
        SignIn.admin().get("/api/v1/audit").then().body("find { it.action == 'display-revoked' }.subject", equalTo(id));
    }

    @Test
    void verifiesThatAConsoleWhoseSessionEndsGoesToTheSignInPageAndBackAfterwards() {
        Ready.await();
        SignIn.admin().contentType("application/json")
                .body(Map.of("username", "operator-sari", "role", "operator", "password", "a long operator password"))
                .post("/api/v1/users").then().statusCode(201);
        try (Chromium chromium = new Chromium()) {
            BrowserContext context = chromium.browser().newContext();
            Page page = context.newPage();
            page.navigate(root + "console");
            page.waitForURL("**/login.html");
            page.fill("#u", "operator-sari");
            page.fill("#p", "a long operator password");
            page.click("button[type=submit]");
            page.waitForURL("**/console");
            page.waitForFunction("() => document.getElementById('conn').dataset.state === 'live'");
            Cookie session = context.cookies().stream().filter(c -> c.name.equals(Sessions.COOKIE)).findFirst().orElseThrow();
            assertThat(session.httpOnly).isTrue();
            // Signed out elsewhere (another tab, another screen): the open console follows within seconds.
            io.restassured.RestAssured.given().redirects().follow(false).header("Cookie", Sessions.COOKIE + "=" + session.value)
                    .post("/sign-out").then().statusCode(303);
            page.waitForURL("**/login.html");
        }
    }

    @Test
    void verifiesThatTheAdminManagesUsersAndDisplaysOnTheAdminPageAndOthersCannotOpenIt() {
        Ready.await();
        try (Chromium chromium = new Chromium()) {
            // A browser in another zone: the page's times must still be the city's.
            Page page = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setTimezoneId("America/New_York")).newPage();
            page.navigate(root + "admin.html");
            page.waitForURL("**/login.html");
            page.fill("#u", "admin");
            page.fill("#p", SignIn.ADMIN_PASSWORD);
            page.click("button[type=submit]");
            page.waitForURL("**/admin.html"); // back to the page asked for
            page.waitForSelector("#users tr[data-user='admin']");
            page.fill("#new-user [name=username]", "operator-budi");
            page.selectOption("#new-user [name=role]", "operator");
            page.fill("#new-user [name=password]", "a long operator password");
            page.click("#new-user button");
            page.waitForSelector("#users tr[data-user='operator-budi']");
            SignIn.admin().get("/api/v1/users").then().body("find { it.username == 'operator-budi' }.role", equalTo("OPERATOR"));
            page.fill("#new-display [name=label]", "Wall right");
            page.click("#new-display button");
            page.waitForSelector("#token:not([hidden])");
            assertThat(page.textContent("#token")).contains("/display.html#" + Displays.PREFIX);
            page.waitForSelector("#displays td:text('Wall right')");
            assertThat(page.textContent("#audit")).contains("user-created").contains("display-created");

            // Bahasa Indonesia by default, English with the switch; the audit's times in the city's zone (WITA).
            assertThat(page.textContent("#users th")).isEqualTo("pengguna");
            page.fill("#new-user [name=username]", "Budi Besar!");
            assertThat((Boolean) page.evaluate("() => document.querySelector('#new-user [name=username]').checkValidity()"))
                    .as("the user name's pattern is one the browser applies").isFalse();
            page.fill("#new-user [name=username]", "budi.besar-2");
            assertThat((Boolean) page.evaluate("() => document.querySelector('#new-user [name=username]').checkValidity()")).isTrue();
            page.click("#lang");
            page.waitForFunction("() => document.querySelector('#users th').textContent === 'user'");
            page.waitForSelector("#audit tbody tr");
            String iso = page.getAttribute("#audit tbody tr", "data-time");
            java.time.ZonedDateTime wita = java.time.Instant.parse(iso).atZone(java.time.ZoneId.of("Asia/Makassar"));
            assertThat(page.textContent("#audit tbody tr td")).contains(String.format("%02d:%02d:%02d", wita.getHour(),
                    wita.getMinute(), wita.getSecond()));
            assertThat(page.textContent("#audit thead")).contains("time (WITA)");
        }
        // An operator signs in but the admin page is not theirs.
        assertThat(SignIn.as("operator-budi", "a long operator password").redirects().follow(false).get("/admin.html").statusCode())
                .isEqualTo(403);
    }
}
