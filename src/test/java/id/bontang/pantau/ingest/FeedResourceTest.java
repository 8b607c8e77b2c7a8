package id.bontang.pantau.ingest;

import id.bontang.pantau.support.SignIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Wita;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Agency applications over HTTP: keys, problem bodies, all-or-nothing. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
class FeedResourceTest {

    private static RequestSpecification post(String key) {
        RequestSpecification r = given().contentType("application/json");
        return key == null ? r : r.header("Authorization", "Bearer " + key);
    }

    private static long tile(String id) {
        Number n = given().get("/api/v1/tiles").jsonPath().get("find { it.id == '" + id + "' }.value");
        return n == null ? 0 : n.longValue();
    }

    @Test
    void verifiesThatAMissingKeyIs401AndAnotherFeedsKeyIs403() {
        post(null).body("{\"values\": {\"calls\": 1}}").post("/api/v1/feeds/call112").then().statusCode(401)
                .contentType(startsWith("application/problem+json")).header("WWW-Authenticate", startsWith("Bearer"))
                .body("reason", equalTo("unauthorized")).body("detail", containsString("Authorization: Bearer"));
        post("test-key-umkm-0123456789").body("{\"values\": {\"calls\": 1}}").post("/api/v1/feeds/call112").then().statusCode(403)
                .body("status", equalTo(403)).body("detail", containsString("not the API key of feed 'call112'"));
        post("wrong").body("{\"values\": {\"calls\": 1}}").post("/api/v1/feeds/call112").then().statusCode(403);
        post("test-key-call112-0123456789").body("{\"values\": {\"visits\": 1}}").post("/api/v1/feeds/perpustakaan-digital").then()
                .statusCode(403).body("detail", containsString("has no API key configured"));
        post("test-key-call112-0123456789").body("{\"values\": {\"calls\": 1}}").post("/api/v1/feeds/call113").then().statusCode(404)
                .body("reason", equalTo("unknown-feed"));
    }

    @Test
    void verifiesThatABadRecordIs400NamingTheFieldAndThatNothingOfTheRequestIsKept() {
        Wita.awayFromMidnight(Duration.ofMinutes(1)); // reads "today"
        long before = tile("umkm.orders-today");
        post("test-key-umkm-0123456789").body("{\"values\": {\"orders\": 3").post("/api/v1/feeds/umkm").then().statusCode(400)
                .body("reason", equalTo("malformed-payload")).body("detail", startsWith("not valid JSON"));
        post("test-key-umkm-0123456789").body("{\"values\": {\"orders\": \"three\"}}").post("/api/v1/feeds/umkm").then()
                .statusCode(400).body("field", equalTo("values.orders")).body("reason", equalTo("not-a-number"));
        post("test-key-umkm-0123456789").body("[{\"values\": {\"orders\": 2}}, {\"values\": {\"order\": 1}}]")
                .post("/api/v1/feeds/umkm").then().statusCode(400)
                .body("field", equalTo("[1].values.order")).body("reason", equalTo("unknown-metric"))
                .body("detail", startsWith("record 1: "));
        post("test-key-umkm-0123456789").body("[{\"values\": {\"orders\": 2}}, {\"ts\": \"soon\", \"values\": {\"orders\": 1}}]")
                .post("/api/v1/feeds/umkm").then().statusCode(400).body("field", equalTo("[1].ts"));
        post("test-key-umkm-0123456789").body("{\"values\": {\"orders\": -1}}").post("/api/v1/feeds/umkm").then().statusCode(400)
                .body("reason", equalTo("out-of-range"));
        post("test-key-umkm-0123456789").body("{\"vals\": {\"orders\": 1}}").post("/api/v1/feeds/umkm").then().statusCode(400)
                .body("field", equalTo("values"));
        assertThat(tile("umkm.orders-today")).isEqualTo(before);
        assertThat(SignIn.admin().queryParam("reason", "unknown-metric").get("/api/v1/dead-letters").jsonPath()
                .getString("[0].transport")).isEqualTo("http");
    }

    @Test
    void verifiesThatGoodRecordsAre202AndReachTheTiles() {
        Wita.awayFromMidnight(Duration.ofMinutes(1)); // reads "today"
        long before = tile("umkm.orders-today");
        String ts = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusSeconds(5).toString();
        post("test-key-umkm-0123456789").body("{\"ts\": \"" + ts + "\", \"values\": {\"orders\": 4, \"revenue_idr\": 180000}}")
                .post("/api/v1/feeds/umkm").then().statusCode(202).body("accepted", equalTo(2));
        post("test-key-umkm-0123456789").body("[{\"values\": {\"orders\": 1}}, {\"ts\": " + System.currentTimeMillis()
                + ", \"values\": {\"orders\": 2}}]").post("/api/v1/feeds/umkm").then().statusCode(202).body("accepted", equalTo(2));
        await().atMost(Duration.ofSeconds(3)).until(() -> tile("umkm.orders-today") == before + 7);
        post("test-key-rsud-0123456789").body("{\"values\": {\"waiting\": 151, \"eticket_obat_waiting\": 12}}")
                .post("/api/v1/feeds/rsud-queue").then().statusCode(202);
        await().atMost(Duration.ofSeconds(3)).until(() -> tile("rsud.queue") == 151);
        given().get("/api/v1/tiles").then().body("find { it.id == 'rsud.queue' }.status", equalTo("critical"))
                .body("find { it.id == 'rsud.queue' }.extras.pharmacyQueue.value", equalTo(12));
    }
}
