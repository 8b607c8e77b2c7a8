package id.bontang.pantau.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.bontang.pantau.catalog.CatalogLoader;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.store.PullState;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verifies that a pull feed polls an endpoint that pages, repeats itself, fails, stalls and lies, and that each record
 * is stored once, every failure is shown with its reason, and only the holder of the feed's lease polls it.
 */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class PullFeedsTest {

    /** One scripted answer of the test's endpoint. */
    record Answer(int status, String body, Map<String, String> headers, long delayMs) {
        Answer(int status, String body, Map<String, String> headers) {
            this(status, body, headers, 0);
        }
    }

    /** What the endpoint was asked: the query and the headers Pantau sent. */
    record Asked(String query, String ifNoneMatch, String authorization) {
    }

    @Inject
    PullFeeds pull;
    @Inject
    ConnectorActivity activity;

    private HttpServer server;
    private final ArrayDeque<Answer> answers = new ArrayDeque<>();
    private final List<Asked> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange x) throws IOException {
        asked.add(new Asked(x.getRequestURI().getQuery(), x.getRequestHeaders().getFirst("If-None-Match"),
                x.getRequestHeaders().getFirst("Authorization")));
        Answer a;
        synchronized (answers) {
            a = answers.isEmpty() ? new Answer(404, "", Map.of()) : answers.poll();
        }
        try {
            Thread.sleep(a.delayMs()); // the test server stalls on purpose: a slow agency
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        try {
            x.sendResponseHeaders(a.status(), a.status() == 304 || body.length == 0 ? -1 : body.length);
            if (body.length > 0 && a.status() != 304) {
                x.getResponseBody().write(body);
            }
        } catch (IOException e) {
            // the client gave up waiting
        }
        x.close();
    }

    private void script(Answer... a) {
        synchronized (answers) {
            answers.addAll(List.of(a));
        }
    }

    /** A pull connector of the built-in catalog's feeds, served by the test's endpoint. */
    private ConnectorSpec connector(String yaml) throws IOException {
        String catalog;
        try (InputStream in = getClass().getResourceAsStream("/catalog/bontang.yaml")) {
            catalog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/queue";
        String id = yaml.substring(yaml.indexOf("id: ") + 4, yaml.indexOf('\n', yaml.indexOf("id: "))).trim();
        return CatalogLoader.load("test", catalog + yaml.replace("URL", url)).connector(id).orElseThrow();
    }

    private static List<Map<String, String>> deadLetters(String reason) {
        return SignIn.admin().queryParam("reason", reason).get("/api/v1/dead-letters").jsonPath().getList("");
    }

    private static long stored(String sql) {
        return PostgresResource.current().number(sql);
    }

    @Test
    void verifiesThatPagesAreReadOnceWithTheirWatermarkAndETag() throws Exception {
        ConnectorSpec c = connector("""
                  - id: test-pull
                    type: pull
                    url: URL
                    every: 1s
                    auth: bearer
                    secret: pull-test
                    device: {id: rsud-queue}
                    records: items
                    time: {path: at}
                    identity: id
                    watermark: after
                    after: id
                    values:
                      waiting: {path: waiting}
                """);
        Instant t = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        String page1 = "{\"items\":[{\"id\":1,\"at\":\"" + t + "\",\"waiting\":10},{\"id\":2,\"at\":\"" + t.plusSeconds(60)
                + "\",\"waiting\":12}]}";
        String page2 = "{\"items\":[{\"id\":2,\"at\":\"" + t.plusSeconds(60) + "\",\"waiting\":99},{\"id\":3,\"at\":\""
                + t.plusSeconds(90) + "\",\"waiting\":14}]}";
        script(new Answer(200, page1, Map.of("ETag", "\"v1\"")), new Answer(304, "", Map.of("ETag", "\"v1\"")),
                new Answer(200, page2, Map.of("ETag", "\"v2\"")));
        pull.poll(c);
        pull.poll(c);
        pull.poll(c);
        assertThat(asked).extracting(Asked::query).containsExactly(null, "after=2", "after=2");
        assertThat(asked).extracting(Asked::ifNoneMatch).containsExactly(null, "\"v1\"", "\"v1\"");
        assertThat(asked.get(0).authorization()).isEqualTo("Bearer test-pull-token-0123456789");
        String rows = "SELECT count(*) FROM reading WHERE device_id = 'rsud-queue' AND metric = 'waiting' AND time BETWEEN '"
                + t + "' AND '" + t.plusSeconds(90) + "'";
        assertThat(stored(rows)).isEqualTo(3);
        assertThat(stored("SELECT value FROM reading WHERE device_id = 'rsud-queue' AND metric = 'waiting' AND time = '"
                + t.plusSeconds(60) + "'")).isEqualTo(12); // the overlapping page's record is not taken again
        assertThat(stored("SELECT count(*) FROM connector_state WHERE connector = 'test-pull' AND watermark = '3' "
                + "AND etag = '\"v2\"'")).isEqualTo(1);
        ConnectorActivity.Figures f = activity.of("test-pull");
        assertThat(f.error).isNull();
        assertThat(f.polling).isTrue();
        assertThat(f.watermark).isEqualTo("3");
    }

    @Test
    void verifiesThatEveryFailureIsShownWithItsReasonAndTheNextAttemptHonoursRetryAfter() throws Exception {
        ConnectorSpec c = connector("""
                  - id: test-failing
                    type: pull
                    url: URL
                    every: 2s
                    timeout: 1s
                    device: {id: rsud-queue}
                    values:
                      waiting: {path: waiting}
                """);
        script(new Answer(500, "oops", Map.of()), new Answer(503, "", Map.of("Retry-After", "120")),
                new Answer(200, "{\"waiting\": 3}", Map.of(), 2500), new Answer(200, "<html>maintenance</html>", Map.of()),
                new Answer(200, "{\"waiting\": \"many\"}", Map.of()), new Answer(200, "{\"waiting\": 7}", Map.of()));
        ConnectorActivity.Figures f = activity.of("test-failing");
        pull.poll(c);
        assertThat(f.error).endsWith("/queue answered 500");
        assertThat(Duration.between(Instant.now(), f.nextAttempt)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        pull.poll(c);
        assertThat(f.error).endsWith("answered 503");
        assertThat(Duration.between(Instant.now(), f.nextAttempt)).isBetween(Duration.ofSeconds(115), Duration.ofSeconds(120));
        pull.poll(c);
        assertThat(f.error).endsWith("no answer within 1 s");
        pull.poll(c);
        assertThat(f.error).startsWith("not valid JSON at line 1, column 1");
        assertThat(deadLetters("malformed-payload")).anyMatch(d -> d.get("topic").matches("GET http://127.0.0.1:\\d+/queue")
                && d.get("detail").startsWith("connector test-failing: not valid JSON"));
        Instant before = Instant.now().minusSeconds(1);
        pull.poll(c); // a value that is no number: a dead letter, and the feed is up
        assertThat(f.error).isNull();
        assertThat(deadLetters("not-a-number")).anyMatch(d -> d.get("detail").equals(
                "connector test-failing: waiting at waiting is \"many\", not a number") && d.get("source").equals("rsud-queue"));
        pull.poll(c);
        assertThat(f.lastSuccess).isAfter(before);
        assertThat(stored("SELECT count(*) FROM reading WHERE device_id = 'rsud-queue' AND metric = 'waiting' AND value = 7 "
                + "AND time > '" + before + "'")).isEqualTo(1);
        assertThat(SignIn.admin().get("/api/v1/connectors").jsonPath().getList("id", String.class)).doesNotContain("test-failing");
    }

    @Test
    void verifiesThatASecretGoesOnlyToItsHostAndPrivateHostsAreRefused() throws Exception {
        ConnectorSpec webhooks = connector("""
                  - id: test-secret
                    type: pull
                    url: URL
                    every: 1s
                    auth: bearer
                    secret: tts-bontang
                    device: {id: rsud-queue}
                    values:
                      waiting: {path: waiting}
                """);
        pull.poll(webhooks); // the webhook's secret, bound to no host, is never sent
        assertThat(activity.of("test-secret").error).contains("no secret 'tts-bontang' for 127.0.0.1")
                .contains("a secret is sent only to the host it is configured for");
        ConnectorSpec inside = connector("""
                  - id: test-secret
                    type: pull
                    url: http://127.0.0.2:9/latest
                    every: 1s
                    device: {id: rsud-queue}
                    values:
                      waiting: {path: waiting}
                """);
        pull.poll(inside);
        assertThat(activity.of("test-secret").error).contains("127.0.0.2 is a private address")
                .contains("PANTAU_CONNECTOR_PULL_HOSTS");
        assertThat(asked).isEmpty();
    }

    @Test
    void verifiesThatIncrementsWithoutATimeCountOnceByTheirIdentity() throws Exception {
        ConnectorSpec c = connector("""
                  - id: test-pull
                    type: pull
                    url: URL
                    every: 1s
                    device: {id: call112}
                    identity: ref
                    values:
                      calls: {path: n}
                """);
        String page = "[{\"ref\":\"call-a\",\"n\":1},{\"ref\":\"call-b\",\"n\":1}]";
        script(new Answer(200, page, Map.of()), new Answer(200, page, Map.of()));
        pull.poll(c);
        pull.poll(c);
        assertThat(stored("SELECT count(*) FROM reading WHERE device_id = 'call112' AND event_id IN ('call-a', 'call-b')"))
                .isEqualTo(2);
    }

    @Test
    void verifiesThatOnlyTheHolderOfTheLeasePolls() throws Exception {
        ConnectorSpec c = connector("""
                  - id: test-leased
                    type: pull
                    url: URL
                    every: 1s
                    device: {id: rsud-queue}
                    values:
                      waiting: {path: waiting}
                """.replace("test-leased", "test-pull"));
        try (Connection db = PostgresResource.current().connect()) {
            assertThat(PullState.lease(db, "test-pull", "another-instance", Duration.ofMinutes(1))).isPresent();
        }
        script(new Answer(200, "{\"waiting\": 5}", Map.of()));
        pull.poll(c);
        assertThat(asked).isEmpty();
        assertThat(activity.of("test-pull").polling).isFalse();
        try (Connection db = PostgresResource.current().connect()) {
            PullState.release(db, "test-pull", "another-instance");
        }
        pull.poll(c);
        assertThat(asked).hasSize(1);
        assertThat(activity.of("test-pull").polling).isTrue();
    }
}
