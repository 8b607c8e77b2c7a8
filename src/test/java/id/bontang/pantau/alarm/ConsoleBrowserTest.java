package id.bontang.pantau.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import id.bontang.pantau.support.Chromium;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator console and the wall's alarm band in the machine's Chromium, against the application with a database
 * (the users and the alarms are stored) and a real broker: readings published as a gauge publishes them raise the
 * alarms, and everything the pages show comes over the wall's socket as it happens.
 */
@QuarkusTest
@TestProfile(ConsoleBrowserTest.OwnApplication.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class ConsoleBrowserTest {

    /**
     * An application of its own (no other test's alarms are open in it) whose unacknowledged alarms of severity 3 and 4
     * escalate after 20 s: long enough for what comes before, short enough to wait for.
     */
    public static class OwnApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.alarms.escalate-after", "20s");
        }
    }

    private static final String OPERATOR = "operator-sari";
    private static final String PASSWORD = "a long operator password";
    private static final Duration LIVE = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL root;

    /** The open alarm of a rule on a source, by the API, once it is there. */
    private static JsonPath alarm(String rule, String source) {
        return await("alarm " + rule + " on " + source).atMost(LIVE).until(() -> SignIn.as(OPERATOR, PASSWORD)
                .queryParam("state", "open").queryParam("rule", rule).get("/api/v1/alarms").then().statusCode(200)
                .extract().jsonPath(), p -> p.getList("findAll { it.source == '" + source + "' }").size() == 1);
    }

    private static long id(JsonPath list, String source) {
        return list.getLong("find { it.source == '" + source + "' }.id");
    }

    /**
     * Verifies that an operator who signed in sees an alarm raised by a gauge's reading on the console without a
     * reload, acknowledges it there with a comment (the API then says active-acknowledged, by that operator), sees its
     * events, values and place; and that meanwhile the wall counts it in its band, shades its kelurahan, sounds a cue
     * for a new severity-4 alarm once (not again when the same alarm returns to Awas) and again when it escalates,
     * says when the browser keeps sound off, and both pages report what they rendered.
     */
    @Test
    void verifiesThatAnOperatorSeesANewAlarmLiveAcknowledgesItInTheConsoleAndThatTheWallCountsShadesAndSoundsAlarms() {
        Ready.await();
        SignIn.admin().contentType("application/json").body(Map.of("username", OPERATOR, "role", "operator", "password", PASSWORD))
                .post("/api/v1/users").then().statusCode(201);

        try (Chromium chromium = new Chromium(); Publisher gauge = new Publisher(MosquittoResource.url())) {
            // The operator signs in through the form and lands on the console.
            Page console = chromium.browser().newContext().newPage();
            console.navigate(root + "console?lang=en");
            console.waitForURL("**/login.html");
            console.fill("#u", OPERATOR);
            console.fill("#p", PASSWORD);
            console.click("button[type=submit]");
            console.waitForURL("**/console?lang=en");
            console.waitForFunction("() => document.getElementById('conn').dataset.state === 'live'");

            // The wall, in another browser (anonymous in the test profile), before anything is raised.
            Page wall = chromium.browser().newContext().newPage();
            wall.navigate(root.toString());
            wall.waitForFunction("() => document.getElementById('conn').dataset.state === 'live'");
            assertThat(wall.textContent("#alarm-counts [data-severity='3'] .n")).isEqualTo("0");
            assertThat(wall.evaluate("() => document.body.dataset.alarmCues")).isEqualTo("0");
            // Headless Chromium blocks sound until a gesture: the wall says so, and a click turns it on.
            assertThat(wall.evaluate("() => document.body.dataset.audio")).isEqualTo("suspended");
            assertThat(wall.locator("#sound").isVisible()).isTrue();
            wall.click("#sound");
            wall.waitForFunction("() => document.body.dataset.audio === 'running'");
            assertThat(wall.locator("#sound").isHidden()).isTrue();

            // The wall tells the server what it rendered and is ok; the console (?client=console) is no wall to watch.
            await("the wall reports").atMost(LIVE).until(() -> SignIn.as(OPERATOR, PASSWORD).get("/api/v1/walls").then()
                    .statusCode(200).extract().jsonPath(), w -> w.getList("findAll { it.renderedSeq != null && it.state == 'ok' }")
                    .size() == 1 && w.getList("$").size() == 1 && !w.getList("who").contains(OPERATOR));

            // The tide at Loktuan reaches Siaga: severity 3, on the console without a reload.
            gauge.telemetry("tide-loktuan", "{\"values\": {\"level_cm\": 250}}");
            long siaga = id(alarm("flood-level", "tide-loktuan"), "tide-loktuan");
            String row = "#alarms tbody tr[data-alarm-id='" + siaga + "']";
            console.waitForSelector(row + "[data-state='active-unacknowledged'][data-severity='3']");
            assertThat(console.textContent(row + " td.msg")).as("in English").contains("Loktuan tide gauge").contains("250 cm").doesNotContain("Pasut");
            assertThat(console.textContent(row + " td.area")).isEqualTo("Loktuan");

            // The wall counts it in the band and shades Loktuan on the map; a severity 3 does not sound.
            wall.waitForFunction("() => document.querySelector(\"#alarm-counts [data-severity='3'] .n\").textContent === '1'");
            assertThat(wall.getAttribute("#map g.area[data-area='loktuan']", "data-alarm")).isEqualTo("3");
            assertThat(wall.evaluate("() => document.body.dataset.alarmCues")).isEqualTo("0");

            // The operator acknowledges it in the console, with a comment.
            console.click(row + " button[data-action='ack']");
            console.waitForSelector("#action[open]");
            console.fill("#action-form [name=comment]", "BPBD called, pumps on their way");
            console.click("#action-ok");
            console.waitForSelector(row + "[data-state='active-acknowledged']");
            assertThat(console.locator(row + " button[data-action='ack']").count()).as("no second acknowledgement").isZero();
            JsonPath acknowledged = SignIn.as(OPERATOR, PASSWORD).get("/api/v1/alarms/" + siaga).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(acknowledged.getString("state")).isEqualTo("active-acknowledged");
            assertThat(acknowledged.getString("acknowledgedBy")).isEqualTo(OPERATOR);
            assertThat(acknowledged.getString("events.find { it.kind == 'acknowledged' }.actor")).isEqualTo(OPERATOR);
            assertThat(acknowledged.getString("events.find { it.kind == 'acknowledged' }.comment"))
                    .isEqualTo("BPBD called, pumps on their way");

            // Its detail: the events (the comment among them), the tile's recent values, its place.
            console.click(row + " td.msg");
            console.waitForSelector("#detail[data-alarm-id='" + siaga + "'] #d-events tr[data-kind='acknowledged']");
            assertThat(console.textContent("#d-events")).contains("BPBD called, pumps on their way").contains(OPERATOR);
            console.waitForSelector("#d-chart polyline.series", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
            assertThat(Integer.parseInt(console.getAttribute("#d-chart", "data-points"))).isPositive();
            assertThat(console.getAttribute("#d-map g.area.mine", "data-area")).isEqualTo("loktuan");

            // A new alarm of severity 4 at Bontang Kuala (Awas): the wall sounds once, names it, and the console has it first.
            gauge.telemetry("tide-bontang-kuala", "{\"values\": {\"level_cm\": 265}}");
            long awas = id(alarm("flood-level", "tide-bontang-kuala"), "tide-bontang-kuala");
            wall.waitForFunction("() => Number(document.body.dataset.alarmCues) === 1");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cues = (List<Map<String, Object>>) wall.evaluate("() => window.pantauAlarmCues");
            assertThat(cues).hasSize(1);
            assertThat(((Number) cues.get(0).get("id")).longValue()).isEqualTo(awas);
            assertThat(cues.get(0)).containsEntry("reason", "critical").containsEntry("audio", "running");
            wall.waitForSelector("#alarm-critical li[data-alarm-id='" + awas + "']");
            assertThat(wall.textContent("#alarm-critical li[data-alarm-id='" + awas + "'] .msg")).contains("Pasut Bontang Kuala")
                    .contains("Awas");
            assertThat(wall.textContent("#alarm-counts [data-severity='4'] .n")).isEqualTo("1");
            assertThat(wall.getAttribute("#map g.area[data-area='bontang-kuala']", "data-alarm")).isEqualTo("4");
            console.waitForSelector("#alarms tbody tr[data-alarm-id='" + awas + "'][data-severity='4']");
            Locator first = console.locator("#alarms tbody tr").first();
            assertThat(first.getAttribute("data-alarm-id")).as("sorted by severity").isEqualTo(String.valueOf(awas));

            // The same alarm falling back to Siaga and rising to Awas again does not sound a second time.
            gauge.telemetry("tide-bontang-kuala", "{\"values\": {\"level_cm\": 250}}");
            wall.waitForSelector("#alarm-critical li[data-alarm-id='" + awas + "']", new Page.WaitForSelectorOptions()
                    .setState(WaitForSelectorState.DETACHED));
            console.waitForSelector("#alarms tbody tr[data-alarm-id='" + awas + "'][data-severity='3']");
            gauge.telemetry("tide-bontang-kuala", "{\"values\": {\"level_cm\": 266}}");
            wall.waitForSelector("#alarm-critical li[data-alarm-id='" + awas + "']");
            assertThat(wall.evaluate("() => document.body.dataset.alarmCues")).isEqualTo("1");

            // A refusal is shown as the server says it: shelving without a reason.
            console.click("#alarms tbody tr[data-alarm-id='" + awas + "'] button[data-action='shelve']");
            console.waitForSelector("#action[open]");
            // The dialog offers what the server takes (GET /api/v1/alarms/settings), the history every rule of the catalog.
            assertThat(console.getAttribute("#action-form [name=minutes]", "max")).isEqualTo("480");
            assertThat(console.getAttribute("#action-form [name=reason]", "maxlength")).isEqualTo("500");
            assertThat(console.evaluate("() => [...document.querySelectorAll('#f-rule option')].map(o => o.value)"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("wall-frozen", "feed-silent");
            console.evaluate("() => document.querySelector('#action-form [name=reason]').removeAttribute('required')");
            console.click("#action-ok");
            console.waitForFunction("() => document.getElementById('action-error').textContent.includes('reason')");
            console.click("#action-cancel");

            // Left unacknowledged, the Awas alarm escalates: the wall sounds again (a new reason) and flags it, as does
            // the console; the acknowledged Siaga alarm does not escalate.
            wall.waitForFunction("() => Number(document.body.dataset.alarmCues) === 2", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> again = (List<Map<String, Object>>) wall.evaluate("() => window.pantauAlarmCues");
            assertThat(((Number) again.get(1).get("id")).longValue()).isEqualTo(awas);
            assertThat(again.get(1)).containsEntry("reason", "escalated");
            wall.waitForSelector("#alarm-critical li.escalated[data-alarm-id='" + awas + "'] .flag");
            console.waitForSelector("#alarms tbody tr[data-alarm-id='" + awas + "'] .flag.escalated");
            assertThat(SignIn.as(OPERATOR, PASSWORD).get("/api/v1/alarms/" + siaga).then().extract().jsonPath()
                    .getString("escalatedAt")).isNull();
        }
    }
}
