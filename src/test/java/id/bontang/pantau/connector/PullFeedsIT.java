package id.bontang.pantau.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.Wita;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances, one database: a pull feed added to the catalog through the API is polled by exactly one of
 * them, the other takes over when the poller is killed (-9) in the middle of a request, and every record of the agency
 * is stored once and counted once on the survivor's wall.
 */
class PullFeedsIT {

    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean stall = new AtomicBoolean();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** The agency: its calls so far, five to a page after the watermark ({@code ?after=<seq>}). */
    private void answer(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        if (stall.getAndSet(false)) {
            stalled.countDown();
            try {
                release.await(60, TimeUnit.SECONDS); // the poller is killed while it waits here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String query = x.getRequestURI().getQuery();
        int after = query == null ? 0 : Integer.parseInt(query.substring(query.indexOf('=') + 1));
        StringJoiner items = new StringJoiner(",", "{\"items\":[", "]}");
        for (int i = after + 1; i <= Math.min(created.get(), after + 5); i++) {
            items.add("{\"seq\":" + i + ",\"ref\":\"call-" + i + "\",\"n\":1}");
        }
        byte[] body = items.toString().getBytes(StandardCharsets.UTF_8);
        try {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
        } catch (IOException e) {
            // the poller is gone
        }
        x.close();
    }

    @Test
    void verifiesThatOneInstancePollsAFeedAndTheOtherTakesOverWithoutCountingTwice() throws Exception {
        Wita.awayFromMidnight(Duration.ofMinutes(3)); // reads "today"
        HttpServer agency = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agency.createContext("/calls", this::answer);
        agency.setExecutor(Executors.newFixedThreadPool(4));
        agency.start();
        ScheduledExecutorService calls = Executors.newSingleThreadScheduledExecutor();
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.env(broker.pantauEnv(), Map.of("QUARKUS_DATASOURCE_JDBC_URL", db.url(),
                    "QUARKUS_DATASOURCE_USERNAME", Postgres.USER, "QUARKUS_DATASOURCE_PASSWORD", "",
                    "PANTAU_CONNECTOR_PULL", "true", "PANTAU_CONNECTOR_LEASE", "PT3S", "PANTAU_CONNECTOR_PULL_HOSTS", "127.0.0.1"));
            PantauProcess a = new PantauProcess(PantauProcess.env(env, Map.of("PANTAU_MQTT_INSTANCE", "a",
                    "PANTAU_MQTT_INSTANCE_INDEX", "0", "PANTAU_MQTT_INSTANCE_COUNT", "2"))).start();
            PantauProcess b = new PantauProcess(PantauProcess.env(env, Map.of("PANTAU_MQTT_INSTANCE", "b",
                    "PANTAU_MQTT_INSTANCE_INDEX", "1", "PANTAU_MQTT_INSTANCE_COUNT", "2"))).start();
            try {
                long before = tile(b, "call112.today");
                // A steward connects the agency's API, live: nothing restarts
                Response current = a.admin().accept("application/yaml").get("/api/v1/catalog");
                String text = current.asString().stripTrailing() + "\n" + """
                          - id: agency-calls
                            type: pull
                            url: http://127.0.0.1:%d/calls
                            every: 1s
                            device: {id: call112}
                            records: items
                            identity: ref
                            watermark: after
                            after: seq
                            values:
                              calls: {path: n}
                        """.formatted(agency.getAddress().getPort());
                a.admin().contentType("application/yaml").header("If-Match", current.header("ETag"))
                        .body(text.getBytes(StandardCharsets.UTF_8)).put("/api/v1/catalog").then().log().ifValidationFails()
                        .statusCode(200);
                calls.scheduleAtFixedRate(created::incrementAndGet, 0, 250, TimeUnit.MILLISECONDS);
                long started = System.nanoTime();

                await().atMost(Duration.ofSeconds(20)).until(() -> polling(a) != polling(b));
                PantauProcess poller = polling(a) ? a : b;
                PantauProcess other = poller == a ? b : a;
                await().atMost(Duration.ofSeconds(20)).until(() -> stored(db) >= 12);

                stall.set(true); // the poller's next request hangs; it is killed while it waits
                assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
                poller.kill();
                release.countDown();
                await().atMost(Duration.ofSeconds(20)).until(() -> polling(other));

                await().atMost(Duration.ofSeconds(10)).until(() -> created.get() >= 60);
                calls.shutdownNow();
                int all = created.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> stored(db) == all);
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(db.number("SELECT count(DISTINCT event_id) FROM reading WHERE device_id = 'call112'")).isEqualTo(all);
                assertThat(requests.get()).as("one poller a second, not two: %d requests in %.0f s", requests.get(), seconds)
                        .isLessThanOrEqualTo((int) (seconds * 1.3) + 3);
                PantauProcess survivor = other;
                // Within the stored figure's wait: under the whole suite's load the survivor's tile once took longer than 10 s.
                await().atMost(Duration.ofSeconds(30)).until(() -> tile(survivor, "call112.today") - before == all);
                assertThat(survivor.admin().get("/api/v1/connectors").jsonPath().getString(
                        "find { it.id == 'agency-calls' }.watermark")).isEqualTo(Integer.toString(all));
            } finally {
                a.stop();
                b.stop();
            }
        } finally {
            calls.shutdownNow();
            agency.stop(0);
        }
    }

    private static long stored(Postgres db) {
        return db.number("SELECT count(*) FROM reading WHERE device_id = 'call112' AND event_id LIKE 'call-%'");
    }

    private static boolean polling(PantauProcess p) {
        try {
            return Boolean.TRUE.equals(p.admin().get("/api/v1/connectors").jsonPath()
                    .getBoolean("find { it.id == 'agency-calls' }.polling"));
        } catch (RuntimeException e) { // killed
            return false;
        }
    }

    private static long tile(PantauProcess p, String id) {
        Number n = p.http().get("/api/v1/tiles").jsonPath().get("find { it.id == '" + id + "' }.value");
        return n == null ? 0 : n.longValue();
    }
}
