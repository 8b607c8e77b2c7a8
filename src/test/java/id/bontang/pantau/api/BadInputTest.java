package id.bontang.pantau.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Bad input is bad input: every parameter is checked and answered 400 naming it, and none is an outage. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class BadInputTest {

    private static void bad(RequestSpecification r, String path, String field) {
        r.urlEncodingEnabled(false).get(path).then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("field", equalTo(field))
                .body("detail", containsString(field));
    }

    /**
     * Verifies that the review's year-300000 history request is a 400 naming {@code from}, and that afterwards the
     * storage is still healthy and a feed still stores.
     */
    @Test
    void verifiesThatAnOutOfRangeDateIsA400AndNoOutage() {
        Ready.await();
        String series = "/api/v1/series?device=wx-bontang&metric=wind_speed&to=2026-12-01T00:00:00Z&from=";
        bad(SignIn.admin(), series + "%2B300000-01-01T00:00:00Z", "from");
        bad(SignIn.admin(), series + "-999999999-01-01T00:00:00Z", "from");
        bad(SignIn.admin(), series + "99999999999999999999", "from");
        bad(SignIn.admin(), "/api/v1/series?device=wx-bontang&metric=wind_speed&to=%2B300000-01-01T00:00:00Z", "to");
        bad(SignIn.admin(), "/api/v1/series?device=wx-bontang&metric=wind_speed&step=99999999999999d", "step");
        bad(SignIn.admin(), "/api/v1/series?device=wx-bontang&metric=wind_speed&step=0.5s", "step");
        given().get("/q/health/group/storage").then().statusCode(200)
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
        given().contentType("application/json").header("Authorization", "Bearer test-key-umkm-0123456789")
                .body("{\"values\": {\"orders\": 1}}").post("/api/v1/feeds/umkm").then().statusCode(202);
    }

    /** Verifies that the alarm list's filters are checked: dates in a sane range, a bounded limit, a number. */
    @Test
    void verifiesThatAlarmFiltersAreChecked() {
        bad(SignIn.admin(), "/api/v1/alarms?from=-999999999-01-01T00:00:00Z", "from");
        bad(SignIn.admin(), "/api/v1/alarms?to=%2B300000-01-01T00:00:00Z", "to");
        bad(SignIn.admin(), "/api/v1/alarms?limit=0", "limit");
        bad(SignIn.admin(), "/api/v1/alarms?limit=1e3", "limit");
        SignIn.admin().urlEncodingEnabled(false).get("/api/v1/alarms?from=2026-11-01T00:00:00%2B08:00&limit=5").then().statusCode(200);
    }

    /** Verifies that a bad integer is 400 naming it, not JAX-RS' 404, on every route that takes one. */
    @Test
    void verifiesThatBadIntegersAre400NotNotFound() {
        bad(SignIn.admin(), "/api/v1/dead-letters?limit=abc", "limit");
        bad(SignIn.admin(), "/api/v1/dead-letters?limit=1001", "limit");
        bad(SignIn.admin(), "/api/v1/audit?limit=x", "limit");
        bad(SignIn.admin(), "/api/v1/audit?limit=5001", "limit");
        bad(given(), "/api/v1/tiles/history?hours=abc", "hours");
        bad(given(), "/api/v1/tiles/history?hours=25", "hours");
        given().get("/api/v1/tiles/history?hours=24").then().statusCode(200);
        bad(given(), "/ws/wall?since=abc", "since");
        SignIn.admin().get("/api/v1/dead-letters?limit=1000").then().statusCode(200);
    }

    /** Verifies that health, which anyone may read, names no broker address and no database text. */
    @Test
    void verifiesThatHealthShowsNoConfiguration() {
        Ready.await();
        String health = given().get("/q/health").asString();
        assertThat(health).doesNotContain("tcp://").doesNotContain("127.0.0.1").doesNotContain(MosquittoResource.url());
        given().get("/q/health/ready").then().body(not(containsString("broker")));
    }
}
