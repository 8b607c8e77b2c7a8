package id.bontang.pantau.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.notNullValue;

import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.ProxiedPostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The database goes away during a steady stream: the wall keeps moving, readiness says so, feeds get 503,
 * and once it is back every message is stored.
 */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(ProxiedPostgresResource.class)
class DatabaseOutageTest {

    private static long rows(Postgres db) {
        return db.number("SELECT count(*) FROM reading WHERE device_id = 'trf-soekarno-hatta' AND metric = 'vehicles'");
    }

    @Test
    void verifiesThatNothingIsLostAndTheWallKeepsMovingWhileTheDatabaseIsAway() throws Exception {
        Ready.await();
        Postgres db = ProxiedPostgresResource.postgres();
        AtomicInteger published = new AtomicInteger();
        long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        try (BulkPublisher sensor = new BulkPublisher(MosquittoResource.url())) {
            stream.scheduleAtFixedRate(() -> {
                int i = published.getAndIncrement();
                sensor.publish("pantau/v1/devices/trf-soekarno-hatta/telemetry",
                        "{\"ts\": " + (t0 + i * 100L) + ", \"values\": {\"vehicles\": 1}}");
            }, 0, 5, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> rows(db) > 100);

            ProxiedPostgresResource.proxy().cut();
            await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/group/storage").statusCode() == 503);
            given().get("/q/health/group/storage").then().body("checks.find { it.name == 'database' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'database' }.data.downSince", notNullValue())
                    // Anyone may read health: a short sentence, not the driver's text with the database's address.
                    .body("checks.find { it.name == 'database' }.data.problem", startsWith("the database cannot be reached"))
                    .body(not(containsString("127.0.0.1")));
            // Readiness is the walls': the database being away must not take them off the load balancer.
            given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'mqtt' }.status", equalTo("UP"));
            given().contentType("application/json").header("Authorization", "Bearer test-key-call112-0123456789")
                    .body("{\"values\": {\"calls\": 1}}").post("/api/v1/feeds/call112").then().statusCode(503)
                    .header("Retry-After", notNullValue()).body("reason", equalTo("database-unavailable"));

            // The wall keeps moving: a reading during the outage reaches the tiles.
            sensor.publish("pantau/v1/feeds/pdam", "{\"values\": {\"production_lps\": 321}}");
            await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(321).equals(given().get("/api/v1/tiles")
                    .jsonPath().get("find { it.id == 'pdam.production' }.value")));
            int atCut = published.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> published.get() > atCut + 1500);
            assertThat(rows(db)).as("nothing is written while the database is away").isLessThan(atCut + 1);

            ProxiedPostgresResource.proxy().restore();
            Ready.await();
            stream.shutdown();
            assertThat(stream.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            stream.shutdownNow();
        }
        int total = published.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(db) == total);
        // A batch's rows are visible at its commit; its messages leave the backlog a moment later, once acknowledged.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/group/storage").then().statusCode(200)
                .body("checks.find { it.name == 'database' }.data.backlog", equalTo(0)));
    }

    @Test
    void verifiesThatSignInFailsClosedWhileTheDatabaseIsAway() {
        Ready.await();
        SignIn.admin().contentType("application/json").body(java.util.Map.of("username", "outage-analyst", "role", "analyst",
                "password", "an analyst's long password")).post("/api/v1/users").then().statusCode(201);
        SignIn.admin().contentType("application/json").body(java.util.Map.of("username", "outage-stranger", "role", "analyst",
                "password", "a stranger's long password")).post("/api/v1/users").then().statusCode(201);
        SignIn.admin().get("/api/v1/dead-letters").then().statusCode(200); // admin signs in while the database is there
        String display = SignIn.admin().contentType("application/json").body(java.util.Map.of("label", "Wall outage"))
                .post("/api/v1/displays").then().statusCode(201).extract().jsonPath().getString("token");
        String session = given().redirects().follow(false).formParam("j_username", "outage-analyst")
                .formParam("j_password", "an analyst's long password").post("/j_security_check").then().statusCode(302)
                .extract().cookie(id.bontang.pantau.security.Sessions.COOKIE);
        ProxiedPostgresResource.proxy().cut();
        try {
            // A kiosk or a session this instance has not checked yet cannot be checked now: 503, and nothing is forgotten.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().body(display).post("/display/session")
                    .then().statusCode(503).body("reason", equalTo("user-store-unavailable")));
            var unchecked = given().redirects().follow(false).cookie(id.bontang.pantau.security.Sessions.COOKIE, session)
                    .get("/api/v1/dead-letters");
            assertThat(unchecked.statusCode()).isEqualTo(503);
            assertThat(unchecked.getHeaders().getValues("Set-Cookie")).as("its cookie is kept").isEmpty();
            // A user this instance has not seen sign in cannot be checked: 503, never a guess.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> SignIn.as("outage-stranger", "a stranger's long password")
                    .get("/api/v1/dead-letters").then().statusCode(503).header("Retry-After", notNullValue())
                    .body("reason", equalTo("user-store-unavailable")));
            // One who signed in lately is checked against what the database said then: right in, wrong out.
            SignIn.admin().get("/api/v1/dead-letters").then().statusCode(200);
            SignIn.as("admin", "not the admin password").get("/api/v1/dead-letters").then().statusCode(401);
        } finally {
            ProxiedPostgresResource.proxy().restore();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> SignIn.as("outage-stranger", "a stranger's long password")
                .get("/api/v1/dead-letters").then().statusCode(200));
        given().cookie(id.bontang.pantau.security.Sessions.COOKIE, session).get("/api/v1/dead-letters").then().statusCode(200);
        given().body(display).post("/display/session").then().statusCode(204);
    }
}
