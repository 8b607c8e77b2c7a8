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
        }
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
