package id.bontang.pantau.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.support.AlarmTopics;
import id.bontang.pantau.support.EditedCatalog;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Alarms through the real path: readings published to a real Mosquitto raise, change and clear alarms of the
 * default rules, stored in the machine's PostgreSQL, served by the API, sent on the wall's socket and published
 * on MQTT; operators acknowledge and shelve them through the API. The flood-level rule's off-delay is 0 here, and
 * escalation comes after 8 s (a loaded machine once took more than 3 s from raise to acknowledgement), so that the
 * test needs not wait minutes; the delays themselves are WatchTest's.
 */
@QuarkusTest
@TestProfile(AlarmsTest.QuickRules.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class AlarmsTest {

    /** The default catalog, the flood-level alarm clearing at once; escalation after 8 s. */
    public static class QuickRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.catalog", quickCatalog(), "pantau.alarms.escalate-after", "8s");
        }
    }

    static String quickCatalog() {
        return new EditedCatalog().replace("(- id: flood-level\\n(?:    .*\\n)*?)    offDelay: 2m\\n", "$1").write();
    }

    @TestHTTPResource("/ws/wall")
    URI wall;

    static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());

    static void level(Publisher p, String gauge, double cm) {
        // Increasing, distinct times: each is a new state of the gauge.
        long ts = Math.max(CLOCK.incrementAndGet(), System.currentTimeMillis());
        CLOCK.set(ts);
        p.telemetry(gauge, "{\"ts\": " + ts + ", \"values\": {\"level_cm\": " + cm + "}}");
    }

    static JsonPath openAlarm(String rule, String source) {
        return SignIn.admin().get("/api/v1/alarms?state=open&rule=" + rule + "&source=" + source).then().statusCode(200)
                .extract().jsonPath();
    }

    static Long openId(String rule, String source) {
        List<Long> ids = openAlarm(rule, source).getList("id", Long.class);
        assertThat(ids).hasSizeLessThanOrEqualTo(1);
        return ids.isEmpty() ? null : ids.get(0);
    }

    static double tile(String id) {
        Double v = SignIn.admin().get("/api/v1/tiles").jsonPath().getDouble("find { it.id == '" + id + "' }.value");
        return v == null ? Double.NaN : v;
    }

    static Postgres db() {
        return PostgresResource.current();
    }

    @Test
    void verifiesAGaugeAlarmFromRaisedToClosedOnTheApiTheSocketMqttAndTheDatabase() {
        Ready.await();
        try (Publisher gauge = new Publisher(MosquittoResource.url()); AlarmTopics siren = new AlarmTopics(MosquittoResource.url());
                WallClient screen = new WallClient(Wall.socket(wall, null))) {
            level(gauge, "tide-loktuan", 200);
            level(gauge, "tide-loktuan", 245);
            await().atMost(Duration.ofSeconds(15)).until(() -> openId("flood-level", "tide-loktuan") != null);
            long id = openId("flood-level", "tide-loktuan");
            JsonPath a = SignIn.admin().get("/api/v1/alarms/" + id).then().statusCode(200).extract().jsonPath();
            assertThat(a.getString("state")).isEqualTo("active-unacknowledged");
            assertThat(a.getInt("severity")).isEqualTo(3);
            assertThat(a.getString("area")).isEqualTo("loktuan");
            assertThat(a.getString("tile")).isEqualTo("flood.tide-loktuan");
            assertThat(a.getString("message.id")).contains("245").contains("Siaga");
            assertThat(a.getString("message.en")).contains("245");
            assertThat(a.getDouble("value")).isEqualTo(245.0);
            assertThat(a.getString("unit")).isEqualTo("cm");
            assertThat(a.getList("events.kind")).containsExactly("raised");

            // The wall hears of it in seq order, with or after the tile that raised it (a delta coalesced for a client
            // within its rate limit carries both).
            await().atMost(Duration.ofSeconds(10)).until(() -> screen.alarm(id) != null);
            JsonNode flood = screen.tile("flood.tide-loktuan");
            long tileSeq = -1;
            long alarmSeq = -1;
            for (JsonNode m : screen.messages()) {
                if (tileSeq < 0 && m.path("tiles").toString().contains("\"value\":245")) {
                    tileSeq = m.get("seq").asLong(); // the message that brought the reading
                }
                if (alarmSeq < 0 && m.path("alarms").findValues("id").stream().anyMatch(v -> v.asLong() == id)) {
                    alarmSeq = m.get("seq").asLong();
                }
            }
            assertThat(flood.get("value").asDouble()).isEqualTo(245.0);
            assertThat(tileSeq).isPositive();
            assertThat(alarmSeq).isGreaterThanOrEqualTo(tileSeq);
            assertThat(screen.messages().stream().filter(m -> m.has("alarmSummary")).reduce((x, y) -> y)
                    .orElseThrow().path("alarmSummary").path("open").path("3").asInt()).isGreaterThanOrEqualTo(1);

            // Retained while open: a subscriber that comes later finds it.
            await().atMost(Duration.ofSeconds(10)).until(() -> !siren.of(id).isEmpty());
            try (AlarmTopics late = new AlarmTopics(MosquittoResource.url())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !late.of(id).isEmpty());
                assertThat(late.of(id).get(0).retained()).isTrue();
                assertThat(late.of(id).get(0).alarm().get("severity").asInt()).isEqualTo(3);
            }

            // Awas: the same alarm, severity 4.
            level(gauge, "tide-loktuan", 262);
            await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/alarms/" + id).jsonPath()
                    .getInt("severity") == 4);
            assertThat(openId("flood-level", "tide-loktuan")).isEqualTo(id);

            SignIn.admin().contentType("application/json").body("{\"comment\": \"BPBD informed, pumps on\"}")
                    .post("/api/v1/alarms/" + id + "/ack").then().statusCode(200)
                    .body("state", equalTo("active-acknowledged")).body("acknowledgedBy", equalTo("admin"));
            SignIn.admin().contentType("application/json").body("{}").post("/api/v1/alarms/" + id + "/ack").then()
                    .statusCode(409).contentType("application/problem+json").body("detail", startsWith("alarm " + id));

            // Back to normal: acknowledged, so closed; the retained topic is cleared.
            level(gauge, "tide-loktuan", 180);
            await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/alarms/" + id).jsonPath()
                    .getString("state").equals("closed"));
            assertThat(SignIn.admin().get("/api/v1/alarms/" + id).jsonPath().getList("events.kind"))
                    .containsExactly("raised", "severity", "acknowledged", "closed");
            assertThat(SignIn.admin().get("/api/v1/alarms/" + id).jsonPath().getString("events[2].comment"))
                    .isEqualTo("BPBD informed, pumps on");
            await().atMost(Duration.ofSeconds(10)).until(() -> siren.of(id).stream().anyMatch(r -> r.alarm() == null));
            List<AlarmTopics.Received> topic = siren.of(id);
            assertThat(topic.get(topic.size() - 2).alarm().get("state").asText()).isEqualTo("closed");
            try (AlarmTopics late = new AlarmTopics(MosquittoResource.url())) {
                level(gauge, "tide-loktuan", 181); // anything after the subscription: retained messages come first
                await().atMost(Duration.ofSeconds(5)).until(() -> screen.tile("flood.tide-loktuan").get("value").asDouble() == 181);
                assertThat(late.of(id)).isEmpty();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "closed".equals(screen.alarm(id).get("state").asText()));

            assertThat(db().number("SELECT count(*) FROM alarm WHERE id = " + id + " AND closed_at IS NOT NULL")).isEqualTo(1);
            assertThat(db().number("SELECT count(*) FROM alarm_event WHERE alarm_id = " + id)).isEqualTo(4);
            assertThat(db().number("SELECT count(*) FROM alarm_event WHERE alarm_id = " + id
                    + " AND kind = 'acknowledged' AND actor = 'admin'")).isEqualTo(1);

            // A new occurrence after closed is a new alarm.
            level(gauge, "tide-loktuan", 241);
            await().atMost(Duration.ofSeconds(10)).until(() -> openId("flood-level", "tide-loktuan") != null);
            assertThat(openId("flood-level", "tide-loktuan")).isNotEqualTo(id);
            level(gauge, "tide-loktuan", 150);
        }
    }

    /**
     * A gauge added through the catalog API raises its alarm; its levels changed live re-judge that alarm (the same one,
     * a lower severity, never a second); the gauge removed closes it with the reason.
     */
    @Test
    void verifiesThatAnAlarmFollowsItsDeviceThroughLiveCatalogChanges() {
        Ready.await();
        String device = "awlr-uji-live";
        Map<String, Object> gauge = new java.util.HashMap<>(Map.of("id", device, "kind", "awlr", "area", "gunung-elai",
                "name", "Sungai Uji", "levels", Map.of("waspada", 100, "siaga", 150, "awas", 200)));
        SignIn.admin().contentType("application/json").body(gauge).post("/api/v1/catalog/devices").then().statusCode(201);
        try (Publisher p = new Publisher(MosquittoResource.url())) {
            assertThat(SignIn.admin().get("/api/v1/tiles").jsonPath().getList("id")).as("at once on this instance")
                    .contains("flood." + device);
            level(p, device, 120);
            level(p, device, 160);
            await().atMost(Duration.ofSeconds(20)).until(() -> openId("flood-level", device) != null);
            long id = openId("flood-level", device);
            assertThat(SignIn.admin().get("/api/v1/alarms/" + id).jsonPath().getInt("severity")).isEqualTo(3);

            gauge.put("levels", Map.of("waspada", 100, "siaga", 180, "awas", 250));
            SignIn.admin().contentType("application/json").body(gauge).put("/api/v1/catalog/devices/" + device).then()
                    .statusCode(200);
            // Its tile is rebuilt (the gauge changed): judged again once its past is read, within 5 s and a bit.
            await().atMost(Duration.ofSeconds(20)).until(() -> SignIn.admin().get("/api/v1/alarms/" + id).jsonPath()
                    .getInt("severity") == 2);
            assertThat(openId("flood-level", device)).as("re-judged, not raised again").isEqualTo(id);

            SignIn.admin().delete("/api/v1/catalog/devices/" + device).then().statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/alarms/" + id).jsonPath()
                    .getString("state").equals("closed"));
            JsonPath closed = SignIn.admin().get("/api/v1/alarms/" + id).jsonPath();
            assertThat(closed.getList("events.kind", String.class)).filteredOn(k -> !k.equals("escalated"))
                    .containsExactly("raised", "severity", "closed");
            assertThat(closed.getString("events.find { it.kind == 'closed' }.comment")).contains("not in catalog version");
            assertThat(openId("flood-level", device)).isNull();
        } finally {
            SignIn.admin().delete("/api/v1/catalog/devices/" + device); // gone already when the test passed
        }
    }

    @Test
    void verifiesThatALevelHoveringAtSiagaRaisesOneAlarmAndAReturnBeforeAcknowledgementCountsAnActivation() {
        Ready.await();
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            level(gauge, "tide-bontang-kuala", 100);
            for (int i = 0; i < 40; i++) {
                double cm = i % 2 == 0 ? 240.3 : 236.0;
                level(gauge, "tide-bontang-kuala", cm);
                // Each level seen by the alarms (they read tiles, which a burst would merge into its last value).
                await().atMost(Duration.ofSeconds(5)).until(() -> tile("flood.tide-bontang-kuala") == Math.round(cm)); // 0 decimals
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> openId("flood-level", "tide-bontang-kuala") != null);
            long id = openId("flood-level", "tide-bontang-kuala");
            level(gauge, "tide-bontang-kuala", 237); // flushed after all the others
            await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/tiles").jsonPath()
                    .getDouble("find { it.id == 'flood.tide-bontang-kuala' }.value") == 237);
            JsonPath a = SignIn.admin().get("/api/v1/alarms/" + id).jsonPath();
            assertThat(a.getInt("activations")).isEqualTo(1);
            assertThat(a.getInt("severity")).isEqualTo(3);
            assertThat(a.getList("events.kind", String.class)).as("no re-activation, no severity change (escalation aside)")
                    .filteredOn(k -> !k.equals("escalated")).containsExactly("raised");

            level(gauge, "tide-bontang-kuala", 100);
            await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/alarms/" + id).jsonPath()
                    .getString("state").equals("cleared-unacknowledged"));
            level(gauge, "tide-bontang-kuala", 250);
            await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/alarms/" + id).jsonPath()
                    .getInt("activations") == 2);
            assertThat(SignIn.admin().get("/api/v1/alarms/" + id).jsonPath().getString("state")).isEqualTo("active-unacknowledged");
            level(gauge, "tide-bontang-kuala", 100);
            await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/alarms/" + id).jsonPath()
                    .getString("state").equals("cleared-unacknowledged"));
            SignIn.admin().contentType("application/json").body("{}").post("/api/v1/alarms/" + id + "/ack").then().statusCode(200)
                    .body("state", equalTo("closed"));
        }
    }

    @Test
    void verifiesEscalationShelvingAndTheirRefusals() {
        Ready.await();
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            level(gauge, "awlr-telihan", 50);
            level(gauge, "awlr-telihan", 230); // Awas: 220
            await().atMost(Duration.ofSeconds(15)).until(() -> openId("flood-level", "awlr-telihan") != null);
            long id = openId("flood-level", "awlr-telihan");
            await().atMost(Duration.ofSeconds(25)).until(() -> SignIn.admin().get("/api/v1/alarms/" + id).jsonPath()
                    .getBoolean("escalated"));
            assertThat(SignIn.admin().get("/api/v1/alarms/" + id).jsonPath().getList("events.kind")).contains("escalated");

            SignIn.admin().contentType("application/json").body("{\"minutes\": 0, \"reason\": \"x\"}")
                    .post("/api/v1/alarms/" + id + "/shelve").then().statusCode(400).body("field", equalTo("minutes"));
            SignIn.admin().contentType("application/json").body("{\"minutes\": 481, \"reason\": \"x\"}")
                    .post("/api/v1/alarms/" + id + "/shelve").then().statusCode(400).body("field", equalTo("minutes"));
            SignIn.admin().contentType("application/json").body("{\"minutes\": 30}")
                    .post("/api/v1/alarms/" + id + "/shelve").then().statusCode(400).body("field", equalTo("reason"));
            SignIn.admin().contentType("application/json").body("{\"minutes\": 30, \"reason\": \"gauge being cleaned\"}")
                    .post("/api/v1/alarms/" + id + "/shelve").then().statusCode(200).body("state", equalTo("shelved"))
                    .body("shelvedBy", equalTo("admin"));
            SignIn.admin().get("/api/v1/alarms?state=shelved").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem((int) id));
            SignIn.admin().post("/api/v1/alarms/" + id + "/unshelve").then().statusCode(200)
                    .body("state", equalTo("active-unacknowledged"));
            SignIn.admin().post("/api/v1/alarms/" + id + "/unshelve").then().statusCode(409);
            SignIn.admin().contentType("application/json").body("{\"comment\": \"\"}").post("/api/v1/alarms/" + id + "/comment")
                    .then().statusCode(400).body("field", equalTo("comment"));
            SignIn.admin().contentType("application/json").body("{\"comment\": \"team on the way\"}")
                    .post("/api/v1/alarms/" + id + "/comment").then().statusCode(200);
            SignIn.admin().get("/api/v1/alarms/999999999").then().statusCode(404).contentType("application/problem+json");
            SignIn.admin().get("/api/v1/alarms?state=nonsense").then().statusCode(400).body("field", equalTo("state"));
            SignIn.admin().get("/api/v1/alarms?from=yesterday").then().statusCode(400).body("field", equalTo("from"));
            SignIn.admin().get("/api/v1/alarms?limit=abc").then().statusCode(400).body("field", equalTo("limit"));
            SignIn.admin().get("/api/v1/alarms?limit=99999999999").then().statusCode(400).body("field", equalTo("limit"));
            SignIn.admin().get("/api/v1/alarms?severity=9").then().statusCode(400).body("field", equalTo("severity"));
            SignIn.admin().get("/api/v1/alarms/abc").then().statusCode(404).contentType("application/problem+json");
            SignIn.admin().post("/api/v1/alarms/abc/ack").then().statusCode(404).contentType("application/problem+json");
            SignIn.admin().contentType("application/json").body("{\"minutes\": 3000000000, \"reason\": \"x\"}")
                    .post("/api/v1/alarms/" + id + "/shelve").then().statusCode(400).body("field", equalTo("body"));
            SignIn.admin().contentType("application/json").body("{\"minutes\": \"soon\", \"reason\": \"x\"}")
                    .post("/api/v1/alarms/" + id + "/shelve").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("minutes")).body("detail", startsWith("minutes: a whole number of minutes (1 to 480)"));
            // Comments and reasons are kept, sent to every wall and retained on MQTT: their length is bounded.
            SignIn.admin().contentType("application/json").body("{\"comment\": \"" + "x".repeat(2001) + "\"}")
                    .post("/api/v1/alarms/" + id + "/comment").then().statusCode(400).body("field", equalTo("comment"))
                    .body("detail", equalTo("comment: at most 2000 characters (this one has 2001)"));
            SignIn.admin().contentType("application/json").body("{\"minutes\": 30, \"reason\": \"" + "x".repeat(501) + "\"}")
                    .post("/api/v1/alarms/" + id + "/shelve").then().statusCode(400).body("field", equalTo("reason"));
            SignIn.admin().contentType("application/json").body("{\"reason\": \"" + "x".repeat(501) + "\"}")
                    .put("/api/v1/alarms/out-of-service/awlr-telihan").then().statusCode(400).body("field", equalTo("reason"));
            SignIn.admin().get("/api/v1/alarms/settings").then().statusCode(200).body("maxShelveMinutes", equalTo(480))
                    .body("maxCommentLength", equalTo(2000)).body("maxReasonLength", equalTo(500))
                    .body("rules.id", org.hamcrest.Matchers.hasItems("flood-level", "wall-frozen", "feed-silent"))
                    .body("rules.find { it.id == 'wall-frozen' }.kind", equalTo("walls"));
            SignIn.admin().contentType("application/json").body("{\"reason\": \"x\"}")
                    .put("/api/v1/alarms/out-of-service/no-such-gauge").then().statusCode(404);
            assertThat(SignIn.admin().get("/api/v1/alarms/" + id).jsonPath().getList("events.kind"))
                    .containsExactly("raised", "escalated", "shelved", "unshelved", "commented");
            SignIn.admin().post("/api/v1/alarms/" + id + "/ack").then().statusCode(200) // no body, no content type
                    .body("state", equalTo("active-acknowledged"));
            level(gauge, "awlr-telihan", 50);
        }
    }

    @Test
    void verifiesThatAWallResumingWithSinceGetsTheAlarmChangesItMissedInSeqOrder() {
        Ready.await();
        long last;
        try (WallClient before = new WallClient(Wall.socket(wall, null))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !before.messages().isEmpty());
            last = before.lastSeq();
        }
        long id;
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            level(gauge, "tide-tanjung-laut-indah", 100);
            level(gauge, "tide-tanjung-laut-indah", 246);
            await().atMost(Duration.ofSeconds(15)).until(() -> openId("flood-level", "tide-tanjung-laut-indah") != null);
            id = openId("flood-level", "tide-tanjung-laut-indah");
            try (WallClient resumed = new WallClient(Wall.socket(wall, last))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> resumed.alarm(id) != null);
                List<JsonNode> got = resumed.messages();
                assertThat(got).as("what it missed, no snapshot").noneMatch(m -> m.get("type").asText().equals("snapshot"));
                assertThat(got).anyMatch(m -> m.get("type").asText().equals("alarms"));
                for (int i = 1; i < got.size(); i++) {
                    assertThat(got.get(i).get("seq").asLong()).isGreaterThan(got.get(i - 1).get("seq").asLong());
                }
                assertThat(got.get(0).get("seq").asLong()).isGreaterThan(last);
            }
            try (WallClient fresh = new WallClient(Wall.socket(wall, null))) {
                await().atMost(Duration.ofSeconds(5)).until(() -> !fresh.messages().isEmpty());
                JsonNode snapshot = fresh.messages().get(0);
                assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
                assertThat(snapshot.get("alarms").findValues("id")).extracting(JsonNode::asLong).contains(id);
                assertThat(snapshot.path("alarmSummary").path("open").path("3").asInt()).isPositive();
            }
            level(gauge, "tide-tanjung-laut-indah", 100);
        }
    }

    @Test
    void verifiesThatOnlyOperatorsActAndAdminsTakeSourcesOutOfService() {
        Ready.await();
        SignIn.admin().contentType("application/json")
                .body("{\"username\": \"wati\", \"role\": \"viewer\", \"password\": \"a-long-viewer-password\"}")
                .post("/api/v1/users");
        SignIn.admin().contentType("application/json")
                .body("{\"username\": \"joko\", \"role\": \"operator\", \"password\": \"a-long-operator-password\"}")
                .post("/api/v1/users");
        SignIn.as("wati", "a-long-viewer-password").get("/api/v1/alarms").then().statusCode(403);
        SignIn.as("joko", "a-long-operator-password").get("/api/v1/alarms").then().statusCode(200);
        SignIn.as("joko", "a-long-operator-password").contentType("application/json").body("{\"reason\": \"x\"}")
                .put("/api/v1/alarms/out-of-service/awlr-api-api").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/alarms").then().statusCode(401);

        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            SignIn.admin().contentType("application/json").body("{\"reason\": \"gauge replaced\"}")
                    .put("/api/v1/alarms/out-of-service/awlr-api-api").then().statusCode(204);
            level(gauge, "awlr-api-api", 20);
            level(gauge, "awlr-api-api", 160); // Siaga, but out of service: no alarm
            await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/tiles").jsonPath()
                    .getDouble("find { it.id == 'flood.awlr-api-api' }.value") == 160);
            SignIn.admin().get("/api/v1/alarms/out-of-service").then().body("source", org.hamcrest.Matchers.hasItem("awlr-api-api"));
            level(gauge, "awlr-api-api", 161);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> openId("flood-level", "awlr-api-api") == null);
            SignIn.admin().delete("/api/v1/alarms/out-of-service/awlr-api-api").then().statusCode(204);
            level(gauge, "awlr-api-api", 162);
            await().atMost(Duration.ofSeconds(10)).until(() -> openId("flood-level", "awlr-api-api") != null);
            level(gauge, "awlr-api-api", 20);
        }
    }
}
