package id.bontang.pantau.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.AlarmTopics;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The packaged server, a real Mosquitto and the machine's PostgreSQL: two instances raise an alarm once and see
 * each other's acknowledgements within a second; an instance killed with open alarms finds them again.
 */
class AlarmsIT {

    static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());

    static void level(Publisher p, String gauge, double cm) {
        long ts = Math.max(CLOCK.incrementAndGet(), System.currentTimeMillis());
        CLOCK.set(ts);
        p.telemetry(gauge, "{\"ts\": " + ts + ", \"values\": {\"level_cm\": " + cm + "}}");
    }

    static Map<String, String> instance(Mosquitto broker, Postgres db, String name, int index) {
        return PantauProcess.env(PantauProcess.storing(broker, db, name), Map.of("PANTAU_MQTT_INSTANCE_INDEX",
                Integer.toString(index), "PANTAU_MQTT_INSTANCE_COUNT", "2", "PANTAU_CATALOG",
                AlarmsTest.quickCatalog().toString()));
    }

    static List<Long> open(PantauProcess p, String source) {
        return p.admin().get("/api/v1/alarms?state=open&rule=flood-level&source=" + source).then().statusCode(200).extract()
                .jsonPath().getList("id", Long.class);
    }

    static String state(PantauProcess p, long id) {
        return p.admin().get("/api/v1/alarms/" + id).jsonPath().getString("state");
    }

    @Test
    void verifiesThatTwoInstancesRaiseAnAlarmOnceAndSeeEachOthersAcknowledgementWithinASecond() throws Exception {
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            PantauProcess a = new PantauProcess(instance(broker, db, "a", 0)).start();
            PantauProcess b = new PantauProcess(instance(broker, db, "b", 1)).start();
            try (Publisher gauge = new Publisher(broker.url()); AlarmTopics siren = new AlarmTopics(broker.url());
                    WallClient wallOfB = new WallClient(Wall.socket(URI.create("http://127.0.0.1:" + b.port() + "/ws/wall"), null))) {
                level(gauge, "tide-loktuan", 200);
                level(gauge, "tide-loktuan", 250);
                await().atMost(Duration.ofSeconds(15)).until(() -> open(a, "tide-loktuan").size() == 1
                        && open(b, "tide-loktuan").size() == 1);
                long id = open(a, "tide-loktuan").get(0);
                assertThat(open(b, "tide-loktuan")).containsExactly(id);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> db.number(
                        "SELECT count(*) FROM alarm WHERE rule = 'flood-level' AND subject = 'flood.tide-loktuan'") == 1);
                assertThat(db.number("SELECT count(*) FROM alarm_event WHERE alarm_id = " + id + " AND kind = 'raised'"))
                        .isEqualTo(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> !siren.of(id).isEmpty());
                assertThat(siren.of(id)).as("published once, by the instance that raised it").hasSize(1);

                long acked = System.nanoTime();
                a.admin().contentType("application/json").body("{\"comment\": \"seen on a\"}")
                        .post("/api/v1/alarms/" + id + "/ack").then().statusCode(200);
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                        .until(() -> "active-acknowledged".equals(state(b, id)));
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> wallOfB.alarm(id) != null
                        && "active-acknowledged".equals(wallOfB.alarm(id).get("state").asText()));
                long millis = (System.nanoTime() - acked) / 1_000_000;
                assertThat(millis).as("ack on a, seen on b's socket").isLessThan(1500);
                assertThat(b.admin().get("/api/v1/alarms/" + id).jsonPath().getString("acknowledgedBy")).isEqualTo("admin");

                level(gauge, "tide-loktuan", 150);
                await().atMost(Duration.ofSeconds(10)).until(() -> "closed".equals(state(a, id)) && "closed".equals(state(b, id)));
                assertThat(db.number("SELECT count(*) FROM alarm_event WHERE alarm_id = " + id + " AND kind = 'closed'"))
                        .as("closed once").isEqualTo(1);
                assertThat(db.number("SELECT count(*) FROM alarm_event WHERE alarm_id = " + id)).isEqualTo(3);
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    @Test
    void verifiesThatAnInstanceKilledWithOpenAlarmsFindsThemAgain() throws Exception {
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.env(PantauProcess.storing(broker, db, "a"),
                    Map.of("PANTAU_CATALOG", AlarmsTest.quickCatalog().toString()));
            PantauProcess a = new PantauProcess(env).start();
            long raised;
            long acked;
            try (Publisher gauge = new Publisher(broker.url())) {
                level(gauge, "awlr-sungai-km5", 100);
                level(gauge, "awlr-sungai-km5", 210); // Siaga
                level(gauge, "tide-bontang-kuala", 100);
                level(gauge, "tide-bontang-kuala", 225); // Waspada
                await().atMost(Duration.ofSeconds(15)).until(() -> open(a, "awlr-sungai-km5").size() == 1
                        && open(a, "tide-bontang-kuala").size() == 1);
                raised = open(a, "awlr-sungai-km5").get(0);
                acked = open(a, "tide-bontang-kuala").get(0);
                a.admin().contentType("application/json").body("{}").post("/api/v1/alarms/" + acked + "/ack").then()
                        .statusCode(200);
                a.kill();

                PantauProcess again = new PantauProcess(env).start();
                try {
                    assertThat(open(again, "awlr-sungai-km5")).containsExactly(raised);
                    assertThat(state(again, raised)).isEqualTo("active-unacknowledged");
                    assertThat(state(again, acked)).isEqualTo("active-acknowledged");
                    // The tiles come back from the database: the conditions still hold, nothing is raised twice.
                    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> db.number(
                            "SELECT count(*) FROM alarm WHERE closed_at IS NULL AND rule = 'flood-level'") == 2);
                    level(gauge, "tide-bontang-kuala", 120);
                    await().atMost(Duration.ofSeconds(10)).until(() -> "closed".equals(state(again, acked)));
                    level(gauge, "awlr-sungai-km5", 90);
                    await().atMost(Duration.ofSeconds(10)).until(() -> "cleared-unacknowledged".equals(state(again, raised)));
                    assertThat(again.admin().get("/api/v1/alarms/" + raised).jsonPath().getList("events.kind"))
                            .containsExactly("raised", "cleared");
                    level(gauge, "tide-loktuan", 100);
                    level(gauge, "tide-loktuan", 250);
                    await().atMost(Duration.ofSeconds(15)).until(() -> open(again, "tide-loktuan").size() == 1);
                } finally {
                    again.stop();
                }
                long orphan = db.number("SELECT id FROM alarm WHERE closed_at IS NULL AND subject = 'flood.tide-loktuan'");
                // The rule renamed in the catalog (a file kept in git: PANTAU_CATALOG_MODE=file, so the file and not the
                // database's version is the catalog): its old alarm cannot clear by itself any more, so the start closes it,
                // saying why.
                java.nio.file.Path renamed = java.nio.file.Files.createTempFile("pantau-renamed", ".yaml");
                java.nio.file.Files.writeString(renamed, java.nio.file.Files.readString(java.nio.file.Path.of(AlarmsTest.quickCatalog()))
                        .replace("- id: flood-level\n", "- id: flood-water-level\n"));
                PantauProcess third = new PantauProcess(PantauProcess.env(env, Map.of("PANTAU_CATALOG", renamed.toString(),
                        "PANTAU_CATALOG_MODE", "file")))
                        .start();
                try {
                    await().atMost(Duration.ofSeconds(15)).until(() -> "closed".equals(state(third, orphan)));
                    assertThat(third.admin().get("/api/v1/alarms/" + orphan).jsonPath().getString(
                            "events.find { it.kind == 'closed' }.comment")).contains("not in the running catalog");
                    await().atMost(Duration.ofSeconds(15)).until(() -> third.admin()
                            .get("/api/v1/alarms?state=open&rule=flood-water-level&source=tide-loktuan").jsonPath()
                            .getList("id").size() == 1);
                } finally {
                    third.stop();
                    java.nio.file.Files.deleteIfExists(renamed);
                }
            }
        }
    }
}
