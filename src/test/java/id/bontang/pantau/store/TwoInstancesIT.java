package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.TcpProxy;
import id.bontang.pantau.support.Wita;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one broker and one database, numbered 0 and 1 of 2: they split the storage by source (each
 * message stored once, by one of them), and each serves the whole wall, including what an agency posted over
 * HTTP to the other.
 */
class TwoInstancesIT {

    @Test
    void verifiesThatTwoInstancesShareTheStorageAndBothShowEverything() throws Exception {
        Wita.awayFromMidnight(Duration.ofMinutes(2)); // reads "today"
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.env(broker.pantauEnv(), Map.of("QUARKUS_DATASOURCE_JDBC_URL",
                    db.url(), "QUARKUS_DATASOURCE_USERNAME", Postgres.USER, "QUARKUS_DATASOURCE_PASSWORD", "",
                    "PANTAU_FEED_KEYS", "umkm=umkm-key-0123456789,perpustakaan-digital=library-key-0123456789"));
            PantauProcess a = new PantauProcess(instance(env, "a", 0)).start();
            PantauProcess b = new PantauProcess(instance(env, "b", 1)).start();
            try {
                // The tourism office's feed is stored by instance 1, the Soekarno-Hatta counter by instance 0.
                int messages = 10_000;
                long now = Instant.now().toEpochMilli();
                try (BulkPublisher app = new BulkPublisher(broker.url())) {
                    for (int i = 0; i < messages; i += 2) {
                        app.publish("pantau/v1/feeds/pariwisata", "{\"ts\": " + (now - i) + ", \"values\": {\"visitors\": 1}}");
                        app.publish("pantau/v1/devices/trf-soekarno-hatta/telemetry", "{\"ts\": " + (now - i)
                                + ", \"values\": {\"vehicles\": 3}}");
                    }
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> db.number("SELECT count(*) FROM reading") == messages);
                double byA = inserted(a);
                double byB = inserted(b);
                assertThat(byA).as("instance a stored a share").isPositive();
                assertThat(byB).as("instance b stored a share").isPositive();
                assertThat(byA + byB).isEqualTo(messages);
                for (PantauProcess p : new PantauProcess[] {a, b}) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> tile(p, "tourism.visitors-today") >= messages / 2);
                    assertThat(tile(p, "tourism.visitors-today")).isEqualTo(messages / 2);
                }

                a.http().contentType("application/json").header("Authorization", "Bearer umkm-key-0123456789")
                        .body("{\"values\": {\"orders\": 7}}").post("/api/v1/feeds/umkm").then().statusCode(202);
                await().atMost(Duration.ofSeconds(10)).until(() -> tile(b, "umkm.orders-today") == 7);
                assertThat(tile(a, "umkm.orders-today")).isEqualTo(7);
                assertThat(db.number("SELECT count(*) FROM reading WHERE device_id = 'umkm'")).isEqualTo(1);

                // 200 concurrent posts to one instance: both show all 200, each stored once.
                ExecutorService agencies = Executors.newFixedThreadPool(20);
                try {
                    List<Future<Integer>> answers = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        answers.add(agencies.submit(() -> visit(a)));
                    }
                    for (Future<Integer> f : answers) {
                        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(202);
                    }
                } finally {
                    agencies.shutdownNow();
                }
                for (PantauProcess p : new PantauProcess[] {a, b}) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> tile(p, "library.visits-today") >= 200);
                    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                            .until(() -> tile(p, "library.visits-today") == 200);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> db.number(
                        "SELECT count(*) FROM reading WHERE device_id = 'perpustakaan-digital'") == 200);
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    @Test
    void verifiesThatARelayThatCannotReachTheBrokerRetriesUntilTheOtherInstanceHasEverything() {
        Wita.awayFromMidnight(Duration.ofMinutes(2)); // reads "today"
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres();
                TcpProxy blip = new TcpProxy(broker.port())) {
            Map<String, String> env = PantauProcess.env(broker.pantauEnv(), Map.of("QUARKUS_DATASOURCE_JDBC_URL",
                    db.url(), "QUARKUS_DATASOURCE_USERNAME", Postgres.USER, "QUARKUS_DATASOURCE_PASSWORD", "",
                    "PANTAU_FEED_KEYS", "perpustakaan-digital=library-key-0123456789"));
            Map<String, String> cutOff = instance(env, "a", 0);
            cutOff.put("PANTAU_MQTT_URL", "tcp://127.0.0.1:" + blip.port());
            PantauProcess a = new PantauProcess(cutOff).start();
            PantauProcess b = new PantauProcess(instance(env, "b", 1)).start();
            try {
                blip.cut(); // instance a loses the broker; its database is still there
                for (int i = 0; i < 30; i++) {
                    assertThat(visit(a)).as("stored and counted on a").isEqualTo(202);
                }
                await().atMost(Duration.ofSeconds(2)).until(() -> tile(a, "library.visits-today") == 30); // the next flush
                await().atMost(Duration.ofSeconds(10)).until(() -> a.admin().get("/q/metrics").asString()
                        .contains("pantau_relay_pending 30.0") || a.admin().get("/q/metrics").asString()
                        .matches("(?s).*pantau_relay_retries_total [1-9].*"));
                blip.restore();
                await().atMost(Duration.ofSeconds(30)).until(() -> tile(b, "library.visits-today") == 30);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> tile(a, "library.visits-today") == 30
                        && tile(b, "library.visits-today") == 30);
                assertThat(db.number("SELECT count(*) FROM reading WHERE device_id = 'perpustakaan-digital'")).isEqualTo(30);
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    private static Map<String, String> instance(Map<String, String> env, String name, int index) {
        return PantauProcess.env(env, Map.of("PANTAU_MQTT_INSTANCE", name, "PANTAU_MQTT_INSTANCE_INDEX", Integer.toString(index),
                "PANTAU_MQTT_INSTANCE_COUNT", "2"));
    }

    private static int visit(PantauProcess p) {
        return p.http().contentType("application/json").header("Authorization", "Bearer library-key-0123456789")
                .body("{\"values\": {\"visits\": 1}}").post("/api/v1/feeds/perpustakaan-digital").statusCode();
    }

    private static double inserted(PantauProcess p) {
        String metrics = p.admin().get("/q/metrics").asString();
        var m = java.util.regex.Pattern.compile("pantau_store_rows_total\\{result=\"inserted\"\\} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static long tile(PantauProcess p, String id) {
        Number n = p.http().get("/api/v1/tiles").jsonPath().get("find { it.id == '" + id + "' }.value");
        return n == null ? -1 : n.longValue();
    }
}
