package id.bontang.pantau.store;

import id.bontang.pantau.support.SignIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History from the right source for the step, checked against values computed here. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class SeriesResourceTest {

    /** 20 Nov 2026, 00:00 WITA; a reading every 10 minutes for two days, value k % 7. */
    static final OffsetDateTime START = OffsetDateTime.parse("2026-11-20T00:00:00+08:00");
    static final int READINGS = 288;

    @BeforeEach
    void data() {
        Ready.await();
        PostgresResource.current().execute("INSERT INTO reading (time, device_id, metric, value) "
                + "SELECT TIMESTAMPTZ '2026-11-20 00:00:00+08' + k * INTERVAL '10 minutes', 'wx-bontang', 'wind_speed', k % 7 "
                + "FROM generate_series(0, " + (READINGS - 1) + ") k ON CONFLICT DO NOTHING");
    }

    private static JsonPath series(String step) {
        return SignIn.admin().queryParam("device", "wx-bontang").queryParam("metric", "wind_speed")
                .queryParam("from", START.toString()).queryParam("to", START.plusDays(2).toString()).queryParam("step", step)
                .get("/api/v1/series").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void verifiesDailyBucketsAreWitaDaysFromTheDailyAggregate() {
        JsonPath s = series("1d");
        assertThat(s.getString("source")).isEqualTo("reading_1d");
        assertThat(s.getString("unit")).isEqualTo("m/s");
        List<Map<String, Object>> points = s.getList("points");
        assertThat(points).hasSize(2);
        for (int d = 0; d < 2; d++) {
            double sum = 0;
            for (int k = d * 144; k < (d + 1) * 144; k++) {
                sum += k % 7;
            }
            Map<String, Object> p = points.get(d);
            assertThat(OffsetDateTime.parse((String) p.get("time"))).isEqualTo(START.plusDays(d));
            assertThat(((Number) p.get("count")).intValue()).isEqualTo(144);
            assertThat(((Number) p.get("avg")).doubleValue()).isCloseTo(sum / 144, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(((Number) p.get("min")).doubleValue()).isZero();
            assertThat(((Number) p.get("max")).doubleValue()).isEqualTo(6);
            assertThat(((Number) p.get("sum")).doubleValue()).as("the day's sum").isEqualTo(sum);
        }
        assertThat(s.getString("type")).isEqualTo("state");
    }

    @Test
    void verifiesHourlyAndMinuteStepsAgreeWithTheRawReadings() {
        JsonPath hourly = series("2h");
        assertThat(hourly.getString("source")).isEqualTo("reading_1h");
        assertThat(hourly.getList("points")).hasSize(24);
        JsonPath half = series("30m");
        assertThat(half.getString("source")).isEqualTo("reading_1m");
        assertThat(half.getList("points")).hasSize(96);
        JsonPath raw = series("90s");
        assertThat(raw.getString("source")).isEqualTo("reading");
        assertThat(raw.getList("points")).hasSize(READINGS);
        // The 2-hour bucket starting at 02:00 holds k = 12..23.
        double sum = 0;
        for (int k = 12; k < 24; k++) {
            sum += k % 7;
        }
        assertThat(hourly.getDouble("points[1].avg")).isCloseTo(sum / 12, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(hourly.getInt("points[1].count")).isEqualTo(12);
        assertThat(OffsetDateTime.parse(hourly.getString("points[1].time"))).isEqualTo(START.plusHours(2));
        assertThat(raw.getDouble("points[5].avg")).isEqualTo(5);
        assertThat(hourly.getDouble("points[1].sum")).isEqualTo(sum);
        double all = 0;
        for (int k = 0; k < READINGS; k++) {
            all += k % 7;
        }
        for (JsonPath s : List.of(hourly, half, raw, series("1d"))) {
            List<Number> sums = s.getList("points.sum");
            assertThat(sums).as(s.getString("source")).hasSize(s.getList("points").size());
            assertThat(sums.stream().mapToDouble(Number::doubleValue).sum()).as(s.getString("source")).isEqualTo(all);
        }
    }

    /**
     * Verifies that a day's calls posted to the 112 line's feed (an increment) add up in the history's sum at every
     * resolution: two records at the same time are two, a resend of a record (same id) is one.
     */
    @Test
    void verifiesThatADaysCallsPostedToTheFeedAddUpInTheSum() {
        OffsetDateTime day = OffsetDateTime.now(java.time.ZoneId.of("Asia/Makassar")).minusDays(3).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        String tag = "sum-" + day.toLocalDate();
        StringBuilder body = new StringBuilder("[");
        int total = 0;
        for (int k = 0; k < 12; k++) {
            body.append(k == 0 ? "" : ",").append(call(day.plusHours(2L * k).plusMinutes(30), tag + "-" + k, k + 1));
            total += k + 1;
        }
        body.append(",").append(call(day.plusMinutes(30), tag + "-second", 5)); // at the same time as the first: two events
        total += 5;
        body.append(",").append(call(day.plusHours(6).plusMinutes(30), tag + "-3", 4)).append("]"); // a resend: one event
        given().contentType("application/json").header("Authorization", "Bearer test-key-call112-0123456789")
                .body(body.toString()).post("/api/v1/feeds/call112").then().statusCode(202);
        for (String step : List.of("1d", "2h", "1h", "30m", "90s")) {
            JsonPath s = SignIn.admin().queryParam("device", "call112").queryParam("metric", "calls")
                    .queryParam("from", day.toString()).queryParam("to", day.plusDays(1).toString()).queryParam("step", step)
                    .get("/api/v1/series").then().statusCode(200).extract().jsonPath();
            assertThat(s.getString("type")).isEqualTo("increment");
            assertThat(s.<Number>getList("points.sum").stream().mapToDouble(Number::doubleValue).sum())
                    .as("step %s from %s", step, s.getString("source")).isEqualTo(total);
            assertThat(s.<Number>getList("points.count").stream().mapToLong(Number::longValue).sum()).isEqualTo(13);
        }
    }

    private static String call(OffsetDateTime at, String id, int calls) {
        return "{\"ts\": \"" + at + "\", \"id\": \"" + id + "\", \"values\": {\"calls\": " + calls + "}}";
    }

    @Test
    void verifiesThatBadParametersGetAProblemNamingThem() {
        SignIn.admin().queryParam("device", "wx-mars").queryParam("metric", "wind_speed").get("/api/v1/series").then()
                .statusCode(404).body("field", equalTo("device"));
        SignIn.admin().queryParam("device", "wx-bontang").queryParam("metric", "snow").get("/api/v1/series").then()
                .statusCode(404).body("field", equalTo("metric"));
        SignIn.admin().queryParam("device", "wx-bontang").queryParam("metric", "wind_speed").queryParam("from", "yesterday")
                .get("/api/v1/series").then().statusCode(400).body("field", equalTo("from"));
        SignIn.admin().queryParam("device", "wx-bontang").queryParam("metric", "wind_speed").queryParam("step", "1s")
                .queryParam("from", START.toString()).queryParam("to", START.plusDays(2).toString())
                .get("/api/v1/series").then().statusCode(400).body("field", equalTo("step"));
        SignIn.admin().queryParam("metric", "wind_speed").get("/api/v1/series").then().statusCode(400).body("field", equalTo("device"));
        SignIn.admin().queryParam("device", "wx-bontang").queryParam("metric", "wind_speed").get("/api/v1/series").then()
                .statusCode(200).body("step", equalTo("5m"));
    }

    @Test
    void verifiesThatTheOpenApiDescribesTheEndpoint() {
        SignIn.admin().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/series'.get.parameters.name", org.hamcrest.Matchers.hasItems("device", "metric", "from", "to", "step"));
    }
}
