package id.bontang.pantau.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.SteadyPublisher;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances (partitioned durable sessions, the repository's broker configuration, the machine's
 * PostgreSQL) under a steady QoS 1 stream of 1,000 msg/s while stewards make twenty catalog changes in a minute through
 * either instance: each change runs on both within 5 s, and nothing is lost or counted twice (stored equals what the
 * broker acknowledged; the wall's traffic sums equal the database's, including a tile rebuilt by a change).
 */
class LiveCatalogIT {

    private static final int RATE = 1000;
    private static final String[] ROADS = {"ahmad-yani", "mt-haryono", "soekarno-hatta", "bhayangkara"};

    private static Map<String, String> instance(Map<String, String> env, String name, int index) {
        return PantauProcess.env(env, Map.of("PANTAU_MQTT_INSTANCE", name, "PANTAU_MQTT_INSTANCE_INDEX",
                Integer.toString(index), "PANTAU_MQTT_INSTANCE_COUNT", "2"));
    }

    private static int running(Supplier<RequestSpecification> as) {
        List<Map<String, Object>> versions = as.get().get("/api/v1/catalog/versions").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return versions.stream().filter(v -> Boolean.TRUE.equals(v.get("running")))
                .mapToInt(v -> ((Number) v.get("version")).intValue()).findFirst().orElse(-1);
    }

    private static Map<String, Object> road(String id, String name) {
        return Map.of("id", id, "kind", "trf", "area", "bontang-baru", "name", name);
    }

    /** One change of twenty: adds, renames (a traffic tile rebuilt from the database), an unrelated rename, removes. */
    private static int change(int i, Supplier<RequestSpecification> as) {
        var r = switch (i % 4) {
            case 0 -> as.get().contentType("application/json").body(road("trf-uji-" + i, "Jl. Uji " + i))
                    .post("/api/v1/catalog/devices");
            case 1 -> as.get().contentType("application/json").body(Map.of("id", "trf-ahmad-yani", "kind", "trf",
                    "area", "bontang-baru", "name", "Jl. Ahmad Yani " + i)).put("/api/v1/catalog/devices/trf-ahmad-yani");
            case 2 -> as.get().contentType("application/json").body(Map.of("id", "aqms-loktuan", "kind", "aqms",
                    "area", "loktuan", "name", "AQMS Loktuan " + i)).put("/api/v1/catalog/devices/aqms-loktuan");
            default -> as.get().delete("/api/v1/catalog/devices/trf-uji-" + (i - 3));
        };
        return r.then().statusCode(org.hamcrest.Matchers.either(org.hamcrest.Matchers.is(200))
                .or(org.hamcrest.Matchers.is(201))).extract().jsonPath().getInt("version");
    }

    private static long dbSum(Postgres db, String device) {
        return db.number("SELECT coalesce(sum(value), 0)::bigint FROM reading WHERE device_id = '" + device
                + "' AND metric = 'vehicles'");
    }

    private static long wallSum(WallClient wall, String device) {
        JsonNode t = wall.tile("traffic." + device);
        return t == null || t.get("value").isNull() ? -1 : t.get("value").asLong();
    }

    private static long stored(Postgres db) {
        return db.number("SELECT count(*) FROM reading WHERE metric = 'vehicles' AND device_id IN "
                + "('trf-ahmad-yani', 'trf-mt-haryono', 'trf-soekarno-hatta', 'trf-bhayangkara')");
    }

    @Test
    void verifiesThatTwentyChangesInAMinuteUnderASteadyStreamReachBothInstancesAndLoseAndDoubleNothing() {
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.storing(broker, db, "live");
            PantauProcess a = new PantauProcess(instance(env, "a", 0)).start();
            PantauProcess b = new PantauProcess(instance(env, "b", 1)).start();
            Supplier<RequestSpecification> asA = a.adminSession();
            Supplier<RequestSpecification> asB = b.adminSession();
            try (SteadyPublisher gateway = new SteadyPublisher(broker.url(), RATE, Instant.now().minusSeconds(600).toEpochMilli());
                    WallClient wallOfB = new WallClient(Wall.socket(URI.create("http://127.0.0.1:" + b.port() + "/ws/wall"), null))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> stored(db) > 3 * RATE && running(asA) == 1
                        && running(asB) == 1);
                long began = System.nanoTime();
                long slowest = 0;
                for (int i = 0; i < 20; i++) {
                    int version = change(i, i % 2 == 0 ? asA : asB);
                    long made = System.nanoTime();
                    Supplier<RequestSpecification> other = i % 2 == 0 ? asB : asA;
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                            .until(() -> running(other) == version);
                    slowest = Math.max(slowest, (System.nanoTime() - made) / 1_000_000);
                }
                long minute = (System.nanoTime() - began) / 1_000_000;
                System.out.printf("Live catalog: 20 changes in %d ms under %d msg/s; the slowest reached the other "
                        + "instance in %d ms%n", minute, RATE, slowest);
                assertThat(minute).as("twenty changes within a minute").isLessThan(60_000);

                // A device added live: its topic is subscribed by exactly one durable session of the two instances.
                int version = change(20, asA);
                await().atMost(Duration.ofSeconds(5)).until(() -> running(asB) == version);
                JsonNode lastSnapshot = lastSnapshot(wallOfB);
                assertThat(lastSnapshot.get("catalog").asInt()).isEqualTo(version);
                List<String> ids = new ArrayList<>();
                lastSnapshot.get("tiles").forEach(t -> ids.add(t.get("id").asText()));
                assertThat(ids).contains("traffic.trf-uji-20").doesNotContain("traffic.trf-uji-16");
                long newSum = 0;
                try (Publisher sensor = new Publisher(broker.url())) {
                    long t0 = Instant.now().minusSeconds(300).toEpochMilli();
                    for (int k = 0; k < 500; k++) {
                        sensor.telemetry("trf-uji-20", "{\"ts\":" + (t0 + k) + ",\"values\":{\"vehicles\":" + k % 7 + "}}");
                        newSum += k % 7;
                    }
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> db.number(
                        "SELECT count(*) FROM reading WHERE device_id = 'trf-uji-20'") == 500);

                gateway.finish(Duration.ofSeconds(30));
                long acknowledged = gateway.acknowledged();
                assertThat(acknowledged).isEqualTo(gateway.published());
                await().atMost(Duration.ofSeconds(60)).until(() -> stored(db) >= acknowledged);
                assertThat(stored(db)).as("every acknowledged message stored").isEqualTo(acknowledged);
                assertThat(db.number("SELECT count(*) - count(DISTINCT (device_id, metric, time)) FROM reading"))
                        .as("none twice").isZero();
                long expectedNew = newSum;
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    for (String road : ROADS) {
                        assertThat(wallSum(wallOfB, "trf-" + road)).as("the wall's sum of " + road)
                                .isEqualTo(dbSum(db, "trf-" + road));
                    }
                    assertThat(wallSum(wallOfB, "trf-uji-20")).isEqualTo(expectedNew).isEqualTo(dbSum(db, "trf-uji-20"));
                    assertThat(a.http().get("/api/v1/tiles").jsonPath()
                            .getLong("find { it.id == 'traffic.trf-ahmad-yani' }.value"))
                            .as("instance a's rebuilt tile").isEqualTo(dbSum(db, "trf-ahmad-yani"));
                });
                assertThat(db.number("SELECT count(*) FROM device WHERE id = 'trf-uji-16' AND NOT active"))
                        .as("a removed device stays in the catalog tables, inactive").isEqualTo(1);
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    private static JsonNode lastSnapshot(WallClient wall) {
        JsonNode found = null;
        for (JsonNode m : wall.messages()) {
            if ("snapshot".equals(m.path("type").asText())) {
                found = m;
            }
        }
        return found;
    }
}
