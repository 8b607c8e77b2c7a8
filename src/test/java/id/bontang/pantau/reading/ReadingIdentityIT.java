package id.bontang.pantau.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.Wita;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged server with a real Mosquitto and PostgreSQL: event records arrive in the ordinary ways (no ts, in
 * arrays, in the same second, with and without id, over HTTP and MQTT, before and after a restart) and are
 * counted on the wall and stored exactly as the identity rules say, and the HTTP answers agree.
 */
class ReadingIdentityIT {

    private static final String ORDER = "{\"values\": {\"orders\": 1, \"revenue_idr\": 25000}}";

    @Test
    void verifiesThatEveryEventIsCountedAndStoredOnceOnEveryPathAndAcrossARestart() {
        Wita.awayFromMidnight(Duration.ofMinutes(4)); // reads "today"
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.env(PantauProcess.storing(broker, db, "identity-it"),
                    Map.of("PANTAU_FEED_KEYS", "umkm=umkm-key-0123456789"));
            PantauProcess pantau = new PantauProcess(env).start();
            try {
                // Twenty calls without ts, one client at QoS 1 in quick succession: both subscriptions bring each.
                try (BulkPublisher app = new BulkPublisher(broker.url())) {
                    for (int i = 0; i < 20; i++) {
                        app.publish("pantau/v1/feeds/call112", "{\"values\": {\"calls\": 1}}");
                    }
                }
                settle(pantau, "call112.today", 20);
                assertThat(db.number("SELECT count(*) FROM reading WHERE device_id = 'call112' AND metric = 'calls'"))
                        .isEqualTo(20);
                assertThat(db.number("SELECT sum(value) FROM reading WHERE device_id = 'call112'")).as("the wall's sum")
                        .isEqualTo(20);

                // An array of three orders without ts or id: three orders.
                post(pantau, "[" + ORDER + "," + ORDER + "," + ORDER + "]").body("records", equalTo(3)).body("values", equalTo(6))
                        .body("accepted", equalTo(6)).body("repeats", equalTo(0));
                settle(pantau, "umkm.orders-today", 3); // counted before the answer, shown at the next flush
                assertThat(tile(pantau, "umkm.revenue-today")).isEqualTo(75000);

                // Three separate orders in the same second, without id: three more.
                String ts = "\"ts\": \"" + Instant.now().minusSeconds(5).toString() + "\", ";
                for (int i = 0; i < 3; i++) {
                    post(pantau, "{" + ts + ORDER.substring(1)).body("accepted", equalTo(2)).body("repeats", equalTo(0));
                }
                settle(pantau, "umkm.orders-today", 6);

                // The same order three times with its id, the same second: one, and the answers say the rest repeat.
                post(pantau, "{\"id\": \"order-1\", " + ts + ORDER.substring(1)).body("accepted", equalTo(2))
                        .body("repeats", equalTo(0));
                post(pantau, "{\"id\": \"order-1\", " + ts + ORDER.substring(1)).body("accepted", equalTo(0))
                        .body("repeats", equalTo(1));
                // Resent without ts: another receive time, the same event.
                post(pantau, "{\"id\": \"order-1\", " + ORDER.substring(1)).body("accepted", equalTo(0)).body("repeats", equalTo(1));
                settle(pantau, "umkm.orders-today", 7);

                // The same id over MQTT changes nothing; a new one counts, once, on both subscriptions.
                try (BulkPublisher app = new BulkPublisher(broker.url())) {
                    app.publish("pantau/v1/feeds/umkm", "{\"id\": \"order-1\", " + ORDER.substring(1));
                    app.publish("pantau/v1/feeds/umkm", "{\"id\": \"order-2\", " + ORDER.substring(1));
                    app.publish("pantau/v1/feeds/umkm", "{\"id\": \"order-2\", " + ORDER.substring(1));
                }
                settle(pantau, "umkm.orders-today", 8);
                await().atMost(Duration.ofSeconds(10)).until(() -> db.number(
                        "SELECT count(*) FROM reading WHERE device_id = 'umkm' AND metric = 'orders'") == 8);
                assertThat(db.number("SELECT sum(value) FROM reading WHERE device_id = 'umkm' AND metric = 'revenue_idr'"))
                        .isEqualTo(8 * 25000);

                // After a restart the tiles come back from the database, and the ids are still known.
                pantau.stop();
                pantau = new PantauProcess(env).start();
                assertThat(tile(pantau, "umkm.orders-today")).isEqualTo(8);
                assertThat(tile(pantau, "call112.today")).isEqualTo(20);
                post(pantau, "{\"id\": \"order-2\", " + ORDER.substring(1)).body("accepted", equalTo(0)).body("repeats", equalTo(1));
                try (BulkPublisher app = new BulkPublisher(broker.url())) {
                    app.publish("pantau/v1/feeds/umkm", "{\"id\": \"order-1\", " + ORDER.substring(1));
                    app.publish("pantau/v1/feeds/umkm", "{\"id\": \"order-3\", " + ORDER.substring(1));
                }
                settle(pantau, "umkm.orders-today", 9);
                await().atMost(Duration.ofSeconds(10)).until(() -> db.number(
                        "SELECT count(*) FROM reading WHERE device_id = 'umkm' AND metric = 'orders'") == 9);
                assertThat(db.number("SELECT count(*) FROM event_key WHERE source_id = 'umkm' AND id LIKE 'order-%'"))
                        .isEqualTo(3);
            } finally {
                pantau.stop();
            }
        }
    }

    private static ValidatableResponse post(PantauProcess pantau, String body) {
        return pantau.http().contentType("application/json").header("Authorization", "Bearer umkm-key-0123456789").body(body)
                .post("/api/v1/feeds/umkm").then().statusCode(202);
    }

    /** The tile reaches the value and stays there (both subscriptions have delivered by then). */
    private static void settle(PantauProcess pantau, String tile, long value) {
        await().atMost(Duration.ofSeconds(15)).until(() -> tile(pantau, tile) >= value);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> tile(pantau, tile) == value);
    }

    private static long tile(PantauProcess pantau, String id) {
        Number n = pantau.http().get("/api/v1/tiles").jsonPath().get("find { it.id == '" + id + "' }.value");
        return n == null ? -1 : n.longValue();
    }
}
