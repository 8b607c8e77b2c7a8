package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import id.bontang.pantau.support.Chromium;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Without a database, notifications live in memory: the same rules, deliveries, trail and one-click links, and the
 * API and the console say that pending messages are lost at a restart.
 */
@QuarkusTest
@TestProfile(NotifyApplication.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(Receivers.class)
class MemoryNotificationsTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void verifiesNotificationsKeptInMemoryAreToldTrailedAcknowledgedOnceAndSaidToBeLostAtARestart() {
        Ready.await();
        io.restassured.path.json.JsonPath status = SignIn.admin().get("/api/v1/notifications/status").then().statusCode(200)
                .extract().jsonPath();
        assertThat(status.getBoolean("persistent")).isFalse();
        // No SMTP server named (the mailer's own default, localhost, does not count): email says so.
        assertThat(status.getBoolean("channels.email")).isFalse();
        assertThat(status.getString("unavailable.email")).contains("QUARKUS_MAILER_HOST");
        SignIn.admin().contentType("application/json").body("{\"version\": 0, \"settings\": {\"rules\": [{\"id\": \"mem\", "
                + "\"sources\": [\"tide-loktuan\"], \"tiers\": [{\"to\": [\"telegram:-100321\"]}]}]}}")
                .put("/api/v1/notifications/settings").then().statusCode(200).body("persistent",
                        org.hamcrest.Matchers.equalTo(false));
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            NotificationsTest.level(gauge, "tide-loktuan", 200);
            NotificationsTest.level(gauge, "tide-loktuan", 245);
            long id = NotificationsTest.alarm("tide-loktuan");
            await().atMost(NotificationsTest.LIVE).until(() -> NotificationsTest.telegram("sendMessage", "-100321").size() == 1);
            List<Map<String, Object>> trail = NotificationsTest.trail(id);
            assertThat(trail).singleElement().satisfies(d -> {
                assertThat(d.get("state")).isEqualTo("sent");
                assertThat(d.get("channel")).isEqualTo("telegram");
            });
            Matcher link = Pattern.compile("link=([A-Za-z0-9_.-]+)").matcher(NotificationsTest.telegram("sendMessage",
                    "-100321").get(0).body());
            assertThat(link.find()).isTrue();
            SignIn.admin().contentType("application/json").body("{}").post("/api/v1/notifications/links/" + link.group(1))
                    .then().statusCode(200);
            SignIn.admin().contentType("application/json").body("{}").post("/api/v1/notifications/links/" + link.group(1))
                    .then().statusCode(409).body("reason", org.hamcrest.Matchers.equalTo("link-used"));

            try (Chromium chromium = new Chromium()) {
                Page page = chromium.browser().newContext().newPage();
                page.navigate(root + "console.html?lang=en");
                page.waitForURL("**/login.html");
                page.fill("#u", "admin");
                page.fill("#p", SignIn.ADMIN_PASSWORD);
                page.click("button[type=submit]");
                page.waitForSelector("#notify-notice[data-persistent='false']", new Page.WaitForSelectorOptions()
                        .setTimeout(Duration.ofSeconds(20).toMillis()));
                assertThat(page.textContent("#notify-notice")).containsIgnoringCase("memory");
            }
        }
    }
}
