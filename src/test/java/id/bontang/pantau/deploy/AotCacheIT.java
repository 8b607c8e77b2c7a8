package id.bontang.pantau.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Trains the JDK's AOT cache (JEP 483/514/515) of the packaged server on the work it does in the city, and checks
 * that the server starts with it. The training run stores a burst through both subscriptions, feeds a wall and
 * serves signed-in pages; at its graceful stop the JVM writes {@code target/quarkus-app/app.aot}, which the image
 * ships beside the jar (docs/operations.md). Needs the JDK that runs the server in production (25): a cache is
 * valid only for the JDK build that trained it.
 */
class AotCacheIT {

    static final Path CACHE = PantauProcess.JAR.resolveSibling("app.aot");
    private static final int MESSAGES = 20_000;

    @Test
    void verifiesThatTheServerTrainsItsAotCacheOnARealWorkloadAndStartsWithIt() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs Java 25 (.ci/run selects it)");
        Files.deleteIfExists(CACHE);
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.storing(broker, db, "aot-training");
            PantauProcess training = new PantauProcess(env).jvm("-XX:AOTCacheOutput=" + CACHE).start();
            try {
                work(training, broker, db);
            } finally {
                // The JVM assembles the cache as it exits: a graceful stop, with time for the assembly.
                training.stop(Duration.ofMinutes(3));
            }
            assertThat(CACHE).as("the cache written at exit (log: " + training.log() + ")").isNotEmptyFile();

            // AOTMode=on refuses to start when the cache cannot be used (another JDK, another jar): this is the check.
            long plain = readyMillis(new PantauProcess(env));
            long cached = readyMillis(new PantauProcess(env).jvm("-XX:AOTCache=" + CACHE, "-XX:AOTMode=on"));
            System.getLogger(AotCacheIT.class.getName()).log(System.Logger.Level.INFO,
                    "start to ready: {0} ms without the AOT cache, {1} ms with it ({2} bytes)", plain, cached,
                    Files.size(CACHE));
        }
    }

    /** What a day in the command center asks of the server, briefly: sign-in, pages, a wall, a burst stored. */
    private static void work(PantauProcess pantau, Mosquitto broker, Postgres db) {
        Supplier<RequestSpecification> admin = pantau.adminSession();
        for (String path : new String[] {"/api/v1/users", "/api/v1/alarms", "/api/v1/dead-letters", "/api/v1/city",
                "/console.html", "/"}) {
            assertThat(admin.get().get(path).statusCode()).as(path).isEqualTo(200);
        }
        URI http = URI.create("http://127.0.0.1:" + pantau.port() + "/ws/wall");
        try (WallClient wall = new WallClient(Wall.socket(http, null)); BulkPublisher sensors = new BulkPublisher(broker.url())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !wall.messages().isEmpty());
            long start = Instant.now().minusSeconds(1800).toEpochMilli();
            for (int i = 0; i < MESSAGES; i++) {
                long ts = start + i * 50L;
                if (i % 2 == 0) {
                    sensors.publish("pantau/v1/devices/awlr-api-api/telemetry",
                            "{\"ts\": " + ts + ", \"values\": {\"level_cm\": " + (100 + i % 80) + "}}");
                } else {
                    sensors.publish("pantau/v1/feeds/pariwisata",
                            "{\"ts\": " + ts + ", \"id\": \"aot-" + i + "\", \"values\": {\"visitors\": 1}}");
                }
            }
            sensors.flush();
            await().atMost(Duration.ofSeconds(120)).until(() -> db.number("SELECT count(*) FROM reading") >= MESSAGES);
            await().atMost(Duration.ofSeconds(10)).until(() -> wall.messages().size() > 1);
            assertThat(pantau.http().get("/api/v1/tiles").statusCode()).isEqualTo(200);
            assertThat(admin.get().queryParam("device", "awlr-api-api").queryParam("metric", "level_cm")
                    .get("/api/v1/series").statusCode()).isEqualTo(200);
        }
    }

    private static long readyMillis(PantauProcess pantau) {
        long start = System.nanoTime();
        pantau.start();
        try {
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            pantau.stop();
        }
    }
}
