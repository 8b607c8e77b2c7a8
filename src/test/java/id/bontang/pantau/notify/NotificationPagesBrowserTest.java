package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import id.bontang.pantau.support.Chromium;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The notification pages in the machine's Chromium, against the application with a database and a real broker: a
 * user's contact points and subscriptions saved on notifications.html come back after a reload (and from the API); an
 * alarm's console detail lists who was told of it, with the attempts of each delivery; a message's link opens the
 * alarm and acknowledges it once, and says why not the second time.
 */
@QuarkusTest
@TestProfile(NotifyApplication.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(SmtpResource.class)
@WithTestResource(Receivers.class)
class NotificationPagesBrowserTest {

    /** The gauge of these tests' alarm (Sungai KM 5, Siaga at 200 cm), told to the chat of the rule below. */
    private static final String GAUGE = "awlr-sungai-km5";
    private static final String CHAT = "-100555";

    private static final String ADMIN = "admin";
    private static final Duration LIVE = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL root;

    /** A page of a new browser context signed in through the form, on the page it asked for. */
    private static Page signedIn(Chromium chromium, String url) {
        Page page = chromium.browser().newContext().newPage();
        page.onDialog(d -> d.accept());
        page.navigate(url);
        page.waitForURL("**/login.html");
        page.fill("#u", ADMIN);
        page.fill("#p", SignIn.ADMIN_PASSWORD);
        page.click("button[type=submit]");
        return page;
    }

    /** The open alarm of a rule on a source, by the API, once it is there. */
    private static long alarm(String rule, String source) {
        JsonPath list = await("alarm " + rule + " on " + source).atMost(LIVE).until(() -> SignIn.admin()
                .queryParam("state", "open").queryParam("rule", rule).get("/api/v1/alarms").then().statusCode(200)
                .extract().jsonPath(), p -> p.getList("findAll { it.source == '" + source + "' }").size() == 1);
        return list.getLong("find { it.source == '" + source + "' }.id");
    }

    /**
     * Verifies that an administrator saves contact points and a subscription (two kelurahan, severity at least 3, by
     * email) on notifications.html, that they come back after a reload and from GET /api/v1/notifications/me, that the
     * administrator also sees the rules, and that a refused contact point is shown beside the form with its field.
     */
    @Test
    void verifiesThatContactPointsAndASubscriptionSavedOnThePageComeBackAfterAReload() {
        Ready.await();
        try (Chromium chromium = new Chromium()) {
            Page page = signedIn(chromium, root + "notifications.html?lang=en");
            page.waitForURL("**/notifications.html?lang=en");
            page.waitForSelector("#me-form[data-loaded='true']");
            page.waitForSelector("#rules"); // visible: an administrator may read the settings
            assertThat(page.inputValue("#settings-json")).contains("\"rules\"");
            assertThat(page.evaluate("() => getComputedStyle(document.querySelector('#settings-json')).fontFamily").toString())
                    .as("the page's style sheet reaches the user").contains("monospace");

            page.fill("#contact-email", "pusdalops@bontangkota.go.id");
            page.fill("#contact-telegram", "123456789");
            page.selectOption("#contact-language", "en");
            int before = page.locator("#subscriptions .subscription").count();
            page.click("#add-subscription");
            String sub = "#subscriptions .subscription[data-index='" + before + "']";
            page.selectOption(sub + " [name=severityAtLeast]", "3");
            page.check(sub + " input[name=area][value=loktuan]");
            page.check(sub + " input[name=area][value=bontang-kuala]");
            page.check(sub + " input[name=channel][value=email]");
            page.uncheck(sub + " input[name=channel][value=telegram]");
            page.click("#me-save");
            page.waitForFunction("() => document.getElementById('me-state').textContent !== ''"
                    + " || document.getElementById('me-problem').textContent !== ''");
            assertThat(page.textContent("#me-problem")).isEmpty();

            page.reload();
            page.waitForSelector("#me-form[data-loaded='true']");
            assertThat(page.inputValue("#contact-email")).isEqualTo("pusdalops@bontangkota.go.id");
            assertThat(page.inputValue("#contact-telegram")).isEqualTo("123456789");
            assertThat(page.inputValue("#contact-language")).isEqualTo("en");
            assertThat(page.locator("#subscriptions .subscription").count()).isEqualTo(before + 1);
            assertThat(page.inputValue(sub + " [name=severityAtLeast]")).isEqualTo("3");
            assertThat(page.isChecked(sub + " input[name=area][value=loktuan]")).isTrue();
            assertThat(page.isChecked(sub + " input[name=area][value=bontang-kuala]")).isTrue();
            assertThat(page.isChecked(sub + " input[name=channel][value=email]")).isTrue();
            assertThat(page.isChecked(sub + " input[name=channel][value=telegram]")).isFalse();

            JsonPath me = SignIn.admin().get("/api/v1/notifications/me").then().statusCode(200).extract().jsonPath();
            assertThat(me.getString("contacts.email")).isEqualTo("pusdalops@bontangkota.go.id");
            assertThat(me.getList("subscriptions[" + before + "].areas")).containsExactlyInAnyOrder("loktuan", "bontang-kuala");
            assertThat(me.getList("subscriptions[" + before + "].channels")).containsExactly("email");
            assertThat(me.getInt("subscriptions[" + before + "].severityAtLeast")).isEqualTo(3);

            // A refusal is shown as the server says it, beside the form, naming the field.
            page.fill("#contact-email", "not an address");
            page.click("#me-save");
            page.waitForFunction("() => document.getElementById('me-problem').textContent !== ''");
            assertThat(page.getAttribute("#me-problem", "data-field")).contains("email");
            assertThat(page.getAttribute("#contact-email", "aria-invalid")).isEqualTo("true");
        }
    }

    /**
     * Verifies that the console, opened on an alarm's address before signing in, comes back to it after the sign-in
     * with that alarm's detail open, lists the deliveries of the alarm with one that arrived, and shows its attempts.
     */
    @Test
    void verifiesThatTheConsoleDetailListsWhoWasToldOfAnAlarm() {
        Ready.await();
        try (Chromium chromium = new Chromium(); Publisher gauge = new Publisher(MosquittoResource.url())) {
            long id = raised(gauge);
            await("a delivery of alarm " + id + " that arrived").atMost(LIVE).until(() -> SignIn.admin()
                    .get("/api/v1/notifications/alarms/" + id).then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.state == 'sent' }").size() >= 1);

            Page console = signedIn(chromium, root + "console.html?alarm=" + id + "&lang=en");
            console.waitForURL("**/console.html?alarm=" + id + "&lang=en"); // the sign-in kept the address's query
            console.waitForSelector("#detail[data-alarm-id='" + id + "']");
            console.waitForSelector("#notifications tr.delivery[data-state='sent']");
            assertThat(console.locator("#notifications-empty").isHidden()).isTrue();
            assertThat(console.textContent("#notifications tr.delivery[data-state='sent'] .delivery-state")).contains("arrived");

            // A click shows the delivery's attempts, the last of which sent it.
            console.click("#notifications tr.delivery[data-state='sent'] td.when");
            console.waitForSelector("#notifications tr.tries tr.try[data-outcome='sent']");
            console.locator("#notifications").scrollIntoViewIfNeeded();
            console.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "console-notifications.png")));
            assertThat(console.getAttribute("#notifications tr.delivery[data-state='sent'] button.expand", "aria-expanded"))
                    .isEqualTo("true");
        }
    }

    /**
     * Verifies that a message's link opens the console on its alarm with a button that acknowledges it (the API then
     * says active-acknowledged), that the link leaves the address bar, and that using it again shows the server's 409.
     */
    @Test
    void verifiesThatTheLinkOfAMessageAcknowledgesItsAlarmOnce() {
        Ready.await();
        try (Chromium chromium = new Chromium(); Publisher gauge = new Publisher(MosquittoResource.url())) {
            long id = raised(gauge);
            String token = linkToken(id);
            String address = root + "console.html?alarm=" + id + "&link=" + token + "&lang=en";

            Page console = signedIn(chromium, address);
            console.waitForURL(u -> u.contains("link=" + token)); // back from the sign-in with the link
            console.waitForSelector("#detail[data-alarm-id='" + id + "']");
            console.waitForSelector("#link-ack[data-result='waiting'] #link-ack-button");
            console.click("#link-ack-button");
            console.waitForSelector("#link-ack[data-result='acknowledged']");
            assertThat(console.url()).doesNotContain("link=").doesNotContain("alarm=");
            JsonPath acknowledged = SignIn.admin().get("/api/v1/alarms/" + id).then().statusCode(200).extract().jsonPath();
            assertThat(acknowledged.getString("state")).isEqualTo("active-acknowledged");
            assertThat(acknowledged.getString("acknowledgedBy")).isEqualTo(ADMIN);

            // The same link again: the server's refusal, in the page's words and its own detail.
            console.navigate(address);
            console.waitForSelector("#link-ack[data-result='waiting'] #link-ack-button");
            console.click("#link-ack-button");
            console.waitForSelector("#link-ack[data-result='refused'][data-status='409']");
            assertThat(console.textContent("#link-ack-result")).startsWith("Not acknowledged:");
        }
    }

    /** The flood alarm of {@link #GAUGE}, told by Telegram to {@link #CHAT} (raised once; later calls find it). */
    private static synchronized long raised(Publisher gauge) {
        String rules = "{\"rules\": [{\"id\": \"km5\", \"rules\": [\"flood-level\"], \"sources\": [\"" + GAUGE
                + "\"], \"tiers\": [{\"after\": \"0m\", \"to\": [\"telegram:" + CHAT + "\"]}]}]}";
        int version = SignIn.admin().get("/api/v1/notifications/settings").then().statusCode(200).extract().path("version");
        SignIn.admin().contentType("application/json").body("{\"version\": " + version + ", \"settings\": " + rules + "}")
                .put("/api/v1/notifications/settings").then().statusCode(200);
        gauge.telemetry(GAUGE, "{\"values\": {\"level_cm\": 250}}");
        return alarm("flood-level", GAUGE);
    }

    /** The token of the acknowledgement link in the Telegram message that told of the alarm. */
    private static String linkToken(long alarm) {
        String text = await("the Telegram message of alarm " + alarm).atMost(LIVE).until(() -> Receivers.requests("/sendMessage")
                .stream().map(Receivers.Request::body).filter(b -> b.contains("\"chat_id\":\"" + CHAT + "\"")
                        && b.contains("alarm=" + alarm + "&link=")).findFirst(), java.util.Optional::isPresent).orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("link=([A-Za-z0-9_.-]+)").matcher(text);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
