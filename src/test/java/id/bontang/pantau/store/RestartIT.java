package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.Wita;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged server killed with SIGKILL in the middle of a burst, and started again: every message ends up
 * stored exactly once, and the tiles count the readings published while it was down (they arrive only by the
 * durable subscription) without counting twice those that arrive by both subscriptions.
 */
class RestartIT {

    private static final int MESSAGES = 20_000;

    @Test
    void verifiesThatAKill9LosesNothingAndTheTodaySumsCountEveryReadingOnce() {
        Wita.awayFromMidnight(Duration.ofMinutes(3)); // reads "today"
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.env(broker.pantauEnv(), Map.of("PANTAU_MQTT_INSTANCE", "restart-it",
                    "QUARKUS_DATASOURCE_JDBC_URL", db.url(), "QUARKUS_DATASOURCE_USERNAME", Postgres.USER,
                    "QUARKUS_DATASOURCE_PASSWORD", ""));
            long start = Instant.now().minusSeconds(600).toEpochMilli();
            long today = 0;
            PantauProcess pantau = new PantauProcess(env).start();
            try (BulkPublisher app = new BulkPublisher(broker.url())) {
                for (int i = 0; i < MESSAGES; i++) {
                    long ts = start + i * 20L;
                    // Each record with its id: a message whose batch committed just before the kill comes again after
                    // the restart (at least once), and only its id makes it the same event.
                    app.publish("pantau/v1/feeds/pariwisata", "{\"ts\": " + ts + ", \"id\": \"ticket-" + i
                            + "\", \"values\": {\"visitors\": 1}}");
                    if (LocalDate.ofInstant(Instant.ofEpochMilli(ts), Wita.ZONE).equals(LocalDate.now(Wita.ZONE))) {
                        today++;
                    }
                    if (i == MESSAGES / 4) {
                        app.flush();
                        await().atMost(Duration.ofSeconds(30)).until(() -> db.number("SELECT count(*) FROM reading") > 1000);
                        pantau.kill(); // mid-burst: some batches committed and acknowledged, some not
                    }
                }
            }
            long stored = db.number("SELECT count(*) FROM reading WHERE device_id = 'pariwisata'");
            assertThat(stored).as("the rest waits at the broker while Pantau is down").isLessThan(MESSAGES);

            pantau = new PantauProcess(env).start();
            PantauProcess restarted = pantau;
            await().atMost(Duration.ofSeconds(90)).until(() -> db.number("SELECT count(*) FROM reading") == MESSAGES);
            assertThat(db.number("SELECT count(DISTINCT time) FROM reading WHERE device_id = 'pariwisata'")).isEqualTo(MESSAGES);

            long expected = today;
            await().atMost(Duration.ofSeconds(30)).until(() -> visitorsToday(restarted) == expected);

            // A graceful restart rebuilds the same tile from the database before serving it.
            restarted.stop();
            PantauProcess warm = new PantauProcess(env).start();
            try {
                assertThat(visitorsToday(warm)).isEqualTo(expected);
                assertThat(db.number("SELECT count(*) FROM reading")).isEqualTo(MESSAGES);
            } finally {
                warm.stop();
            }
        }
    }

    private static long visitorsToday(PantauProcess pantau) {
        Number n = pantau.http().get("/api/v1/tiles").jsonPath().get("find { it.id == 'tourism.visitors-today' }.value");
        return n == null ? -1 : n.longValue();
    }
}
