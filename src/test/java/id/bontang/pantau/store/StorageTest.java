package id.bontang.pantau.store;

import id.bontang.pantau.support.SignIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Wita;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Storage against the machine's PostgreSQL (plain: no TimescaleDB here) through a real Mosquitto. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class StorageTest {

    private static Postgres db() {
        return PostgresResource.current();
    }

    @Test
    void verifiesTheSchemaAndTheCatalogTablesOnPlainPostgresql() {
        Ready.await();
        given().get("/q/health/group/storage").then().statusCode(200)
                .body("checks.find { it.name == 'database' }.data.mode", equalTo("postgresql"));
        assertThat(db().number("SELECT count(*) FROM area WHERE active")).isEqualTo(15);
        assertThat(db().number("SELECT count(*) FROM device WHERE active")).isEqualTo(103);
        assertThat(db().number("SELECT count(*) FROM feed WHERE active")).isEqualTo(8);
        assertThat(db().number("SELECT count(*) FROM indicator WHERE active")).isEqualTo(28);
        assertThat(db().number("SELECT waspada_cm FROM device WHERE id = 'tide-loktuan'")).isEqualTo(220);
        assertThat(db().number("SELECT count(*) FROM metric WHERE source_id = 'aqms-loktuan'")).isEqualTo(9);
        assertThat(db().number("SELECT count(*) FROM pg_views WHERE viewname IN ('reading_1m', 'reading_1h', 'reading_1d')"))
                .isEqualTo(3);
    }

    @jakarta.inject.Inject
    StoredReadings stored;

    /** Verifies that the database tells when each source was last heard, however long ago, and not of one never heard. */
    @Test
    void verifiesThatTheLastHeardTimeOfEachSourceIsItsNewestReadingOfAnySeries() throws Exception {
        Ready.await();
        db().execute("INSERT INTO reading (time, device_id, metric, value, event_id) VALUES "
                + "('2026-01-01T00:00:00Z', 'awlr-sungai-km5', 'level_cm', 80, ''), "
                + "('2026-01-03T00:00:00Z', 'awlr-sungai-km5', 'online', 1, ''), "
                + "('2026-01-02T00:00:00Z', 'awlr-sungai-km5', 'level_cm', 81, '')");
        var heard = stored.lastHeard(java.util.List.of(new id.bontang.pantau.reading.Reading.Key("awlr-sungai-km5", "level_cm"),
                new id.bontang.pantau.reading.Reading.Key("awlr-sungai-km5", "online"),
                new id.bontang.pantau.reading.Reading.Key("awlr-never-heard", "level_cm")));
        assertThat(heard).containsEntry("awlr-sungai-km5", Instant.parse("2026-01-03T00:00:00Z").toEpochMilli())
                .doesNotContainKey("awlr-never-heard");
    }

    @Test
    void verifiesThatEveryQos1MessageIsStoredExactlyOnceAndAgainAddsNothing() {
        Ready.await();
        long before = db().number("SELECT count(*) FROM reading WHERE device_id = 'trf-bhayangkara'");
        long start = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
        int messages = 3000;
        for (int round = 0; round < 2; round++) {
            try (BulkPublisher counter = new BulkPublisher(MosquittoResource.url())) {
                for (int i = 0; i < messages; i++) {
                    counter.publish("pantau/v1/devices/trf-bhayangkara/telemetry", "{\"ts\": " + (start + i * 1000L)
                            + ", \"values\": {\"vehicles\": " + (i % 40) + ", \"speed_kmh\": 40}}");
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> db().number(
                    "SELECT count(*) FROM reading WHERE device_id = 'trf-bhayangkara'") >= before + 2L * messages);
        }
        assertThat(db().number("SELECT count(*) FROM reading WHERE device_id = 'trf-bhayangkara'"))
                .isEqualTo(before + 2L * messages);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/group/storage").jsonPath()
                .getInt("checks.find { it.name == 'database' }.data.backlog") == 0);
    }

    @Test
    void verifiesThatAReadingArrivingByBothSubscriptionsIsCountedOnce() {
        Ready.await();
        Wita.awayFromMidnight(Duration.ofMinutes(1)); // reads "today"
        Number start = given().get("/api/v1/tiles").jsonPath().get("find { it.id == 'library.visits-today' }.value");
        long before = start == null ? 0 : start.longValue();
        long now = Instant.now().toEpochMilli();
        try (BulkPublisher app = new BulkPublisher(MosquittoResource.url())) {
            for (int i = 0; i < 500; i++) {
                app.publish("pantau/v1/feeds/perpustakaan-digital", "{\"ts\": " + (now - i) + ", \"values\": {\"visits\": 1}}");
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db().number(
                "SELECT count(*) FROM reading WHERE device_id = 'perpustakaan-digital'") >= 500);
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/q/health/group/storage").jsonPath()
                .getInt("checks.find { it.name == 'database' }.data.backlog") == 0);
        // Both subscriptions have delivered everything by now; the tile must settle on +500 and stay there.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> given().get("/api/v1/tiles")
                .jsonPath().getLong("find { it.id == 'library.visits-today' }.value") == before + 500);
        assertThat(SignIn.admin().get("/q/metrics").asString()).as("the second copies were recognised")
                .containsPattern("pantau_ingest_overlap_paired_total [1-9]");
    }

    @Test
    void verifiesThatTheDurablePathKeepsRefusalsInTheDatabase() {
        Ready.await();
        try (BulkPublisher p = new BulkPublisher(MosquittoResource.url())) {
            p.publish("pantau/v1/devices/aqms-loktuan/telemetry", "{\"values\": {\"pm25\": \"lots\", \"pm10\": 20}}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> db().number(
                "SELECT count(*) FROM dead_letter WHERE reason = 'not-a-number' AND field = 'pm25' AND source = 'aqms-loktuan'") == 1);
    }

    @Test
    void verifiesThatAFeedPostIsStoredBeforeIt202s() {
        Ready.await();
        given().contentType("application/json").header("Authorization", "Bearer test-key-rsud-0123456789")
                .body("{\"ts\": 1700000000000, \"values\": {\"median_wait_min\": 33}}")
                .post("/api/v1/feeds/rsud-queue").then().statusCode(400).body("reason", equalTo("expired-timestamp"));
        long ts = Instant.now().minusSeconds(30).toEpochMilli();
        given().contentType("application/json").header("Authorization", "Bearer test-key-rsud-0123456789")
                .body("{\"ts\": " + ts + ", \"values\": {\"median_wait_min\": 33}}")
                .post("/api/v1/feeds/rsud-queue").then().statusCode(202);
        assertThat(db().number("SELECT count(*) FROM reading WHERE device_id = 'rsud-queue' AND metric = 'median_wait_min' "
                + "AND value = 33 AND time = TIMESTAMPTZ 'epoch' + " + ts + " * INTERVAL '1 millisecond'")).isEqualTo(1);
    }
}
