package id.bontang.pantau.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;

import id.bontang.pantau.api.Problem;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad bodies on the operators' alarm actions: each is a 400 problem body naming the field (never a 500, never a
 * parser's trace), and the alarm is exactly as it was. The same profile as {@link AlarmsTest}, so that both run in
 * one application; this class has a gauge of its own (awlr-sungai-km5).
 */
@QuarkusTest
@TestProfile(AlarmsTest.QuickRules.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class AlarmBodiesTest {

    static final String GAUGE = "awlr-sungai-km5";

    static long id;

    /** An open alarm of severity 2 (which does not escalate, so that nothing but a request changes it), once. */
    @BeforeEach
    void anOpenAlarm() {
        if (id != 0) {
            return;
        }
        Ready.await();
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            AlarmsTest.level(gauge, GAUGE, 100);
            AlarmsTest.level(gauge, GAUGE, 170); // Waspada (150 to 200): severity 2, which does not escalate
            await().atMost(Duration.ofSeconds(15)).until(() -> AlarmsTest.openId("flood-level", GAUGE) != null);
        }
        id = AlarmsTest.openId("flood-level", GAUGE);
    }

    private static String alarm() {
        return SignIn.admin().get("/api/v1/alarms/" + id).then().statusCode(200).extract().asString();
    }

    /** Posts {@code body} as JSON to the alarm's {@code action}; asserts a 400 problem naming {@code field}, nothing else changed. */
    private static ValidatableResponse refused(String action, String body, String field) {
        String before = alarm();
        ValidatableResponse r = SignIn.admin().contentType("application/json").body(body).post("/api/v1/alarms/" + id + "/" + action)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .body("type", equalTo("about:blank")).body("field", equalTo(field)).body("reason", equalTo("invalid-" + field))
                .body("detail", startsWith(field + ": ")).body("detail", not(containsString("java.")))
                .body("detail", not(containsString("com.fasterxml"))).body("$", not(org.hamcrest.Matchers.hasKey("stackTrace")));
        assertThat(alarm()).as("the alarm after a refused " + action).isEqualTo(before);
        return r;
    }

    @Test
    void verifiesThatAValueOfTheWrongTypeIsA400NamingItsField() {
        refused("shelve", "{\"minutes\": \"soon\", \"reason\": \"x\"}", "minutes")
                .body("detail", equalTo("minutes: a whole number of minutes (1 to 480)"));
        refused("shelve", "{\"minutes\": [30], \"reason\": \"x\"}", "minutes");
        refused("shelve", "{\"minutes\": 30, \"reason\": {\"why\": \"x\"}}", "reason").body("detail", equalTo("reason: a text is expected"));
        refused("comment", "{\"comment\": [\"a\", \"b\"]}", "comment");
        refused("ack", "{\"comment\": {}}", "comment");
        refused("comment", "[{\"comment\": \"x\"}]", "body");
        refused("comment", "\"team on the way\"", "body");
    }

    @Test
    void verifiesThatAMissingFieldIsA400NamingIt() {
        refused("shelve", "{\"reason\": \"gauge being cleaned\"}", "minutes");
        refused("shelve", "{\"minutes\": 30}", "reason");
        refused("shelve", "{\"minutes\": 30, \"reason\": \"  \"}", "reason");
        refused("shelve", "{}", "minutes");
        refused("comment", "{}", "comment");
        refused("comment", "{\"text\": \"the field is comment\"}", "comment");
        SignIn.admin().contentType("application/json").body("{}").put("/api/v1/alarms/out-of-service/" + GAUGE).then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("field", equalTo("reason"));
        SignIn.admin().contentType("application/json").put("/api/v1/alarms/out-of-service/" + GAUGE).then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("field", equalTo("reason"));
        SignIn.admin().get("/api/v1/alarms/out-of-service").then().body("source", not(org.hamcrest.Matchers.hasItem(GAUGE)));
    }

    @Test
    void verifiesThatAnUnknownValueOfAListOfNamesIsA400NamingIt() {
        SignIn.admin().get("/api/v1/alarms?state=open,acknowledged").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("state")).body("reason", equalTo("invalid-state"))
                .body("detail", containsString(Alarm.ACTIVE_ACKNOWLEDGED));
        SignIn.admin().get("/api/v1/alarms?severity=2,high").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("severity")).body("reason", equalTo("invalid-severity"));
        SignIn.admin().get("/api/v1/alarms?state=open,active-unacknowledged&severity=1,2").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem((int) id));
    }

    @Test
    void verifiesThatOversizedAndMalformedJsonIsA400AndNo500() {
        refused("comment", "{\"comment\": \"" + "x".repeat(2001) + "\"}", "comment")
                .body("detail", equalTo("comment: at most 2000 characters (this one has 2001)"));
        refused("ack", "{\"comment\": \"" + "x".repeat(2001) + "\"}", "comment");
        refused("shelve", "{\"minutes\": 30, \"reason\": \"" + "x".repeat(501) + "\"}", "reason")
                .body("detail", equalTo("reason: at most 500 characters (this one has 501)"));
        refused("shelve", "{\"minutes\": 99999999999999999999999, \"reason\": \"x\"}", "body").body("detail", containsString("minutes"));
        refused("shelve", "{\"minutes\": 30, \"reason\": \"x\"", "body");
        refused("comment", "{\"comment\": \"x\",}", "body");
        refused("comment", "{\"comment\": 'x'}", "body");
        refused("comment", "not json at all", "body");
        refused("comment", "[".repeat(5000), "body");
        refused("comment", "{\"comment\": \"\\ud800 broken escape \\x\"}", "body");
        SignIn.admin().contentType("application/json").body("{\"reason\": \"" + "x".repeat(501) + "\"}")
                .put("/api/v1/alarms/out-of-service/" + GAUGE).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("reason")).body("detail", equalTo("reason: at most 500 characters (this one has 501)"));
        SignIn.admin().get("/api/v1/alarms/out-of-service").then().body("source", not(org.hamcrest.Matchers.hasItem(GAUGE)));
        assertThat(SignIn.admin().get("/api/v1/alarms/" + id).jsonPath().getList("events.kind")).containsExactly("raised");
        // And a good body still works afterwards.
        SignIn.admin().contentType("application/json").body("{\"comment\": \"checked on site\"}")
                .post("/api/v1/alarms/" + id + "/comment").then().statusCode(200);
    }
}
