package id.bontang.pantau.wall;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.support.Metrics;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import id.bontang.pantau.support.BulkPublisher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wall protocol over a real socket: resuming with since, and slow clients that cost nobody anything. */
@QuarkusTest
@TestProfile(WallProtocolTest.SmallLimits.class)
@WithTestResource(MosquittoResource.class)
class WallProtocolTest {

    /** A short history, small socket buffers and a short allowed lag, so that the limits are reached in a test. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.wall.history", "20", "pantau.wall.write-queue-bytes", "4096", "pantau.wall.max-lag", "2s",
                    "pantau.wall.socket-send-buffer-bytes", "8192");
        }
    }

    @TestHTTPResource("/ws/wall")
    URI wall;

    private static void rsud(Publisher p, int waiting) {
        p.publish("pantau/v1/feeds/rsud-queue", "{\"values\": {\"waiting\": " + waiting + "}}");
    }

    private static JsonNode waitFor(WallClient c, int waiting) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            JsonNode t = c.tile("rsud.queue");
            return t != null && t.get("value").asInt() == waiting;
        });
        return c.tile("rsud.queue");
    }

    @Test
    void verifiesThatAResumingClientGetsExactlyWhatItMissedOrASnapshot() {
        Ready.await();
        long last;
        try (WallClient first = new WallClient(Wall.socket(wall, null)); Publisher app = new Publisher(MosquittoResource.url())) {
            rsud(app, 101);
            waitFor(first, 101);
            last = first.lastSeq();
        }
        try (WallClient other = new WallClient(Wall.socket(wall, null)); Publisher app = new Publisher(MosquittoResource.url())) {
            for (int v = 102; v <= 104; v++) { // while the first client is away
                rsud(app, v);
                waitFor(other, v);
            }
        }
        try (WallClient resumed = new WallClient(Wall.socket(wall, last))) {
            waitFor(resumed, 104);
            List<JsonNode> got = resumed.messages();
            assertThat(got).as("only the deltas it missed, no snapshot").allMatch(m -> m.get("type").asText().equals("delta"));
            long previous = last;
            List<Integer> values = new ArrayList<>();
            for (JsonNode m : got) {
                assertThat(m.get("seq").asLong()).isGreaterThan(previous);
                previous = m.get("seq").asLong();
                m.get("tiles").forEach(t -> {
                    if (t.get("id").asText().equals("rsud.queue")) {
                        values.add(t.get("value").asInt());
                    }
                });
            }
            assertThat(values).containsSubsequence(102, 103, 104);
            assertThat(values).doesNotContain(101);
            assertThat(given().get("/api/v1/tiles").jsonPath().getInt("find { it.id == 'rsud.queue' }.value")).isEqualTo(104);
        }
        // Further back than the server keeps (20 deltas here), or from a seq it never issued: a snapshot.
        try (Publisher app = new Publisher(MosquittoResource.url()); WallClient w = new WallClient(Wall.socket(wall, null))) {
            for (int v = 200; v < 230; v++) {
                rsud(app, v);
                waitFor(w, v);
            }
        }
        for (long since : new long[] {last, 1L, Long.MAX_VALUE / 2}) {
            try (WallClient old = new WallClient(Wall.socket(wall, since))) {
                await().atMost(Duration.ofSeconds(5)).until(() -> !old.messages().isEmpty());
                JsonNode m = old.messages().get(0);
                assertThat(m.get("type").asText()).as("since=%d", since).isEqualTo("snapshot");
                assertThat(m.get("tiles")).hasSize(28);
                assertThat(m.get("seq").asLong()).isGreaterThan(since == Long.MAX_VALUE / 2 ? 0 : since);
            }
        }
    }

    /**
     * A wall that upgrades and then never reads: a raw socket with a tiny receive window, so that the
     * server's socket fills after a few kilobytes instead of after the megabytes a normal client buffers.
     */
    static Socket stuck(URI ws) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(1024);
        s.setSoTimeout(10_000); // for the handshake's answer only: afterwards this socket is never read
        s.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 5000);
        String key = Base64.getEncoder().encodeToString("pantau-stuck-wall".substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(("GET " + ws.getRawPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] status = new byte[12];
        int n = s.getInputStream().readNBytes(status, 0, status.length);
        assertThat(new String(status, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
        return s;
    }

    /** Changes some forty tiles at once, so that deltas are large. */
    private static void everything(BulkPublisher app, int v) {
        String air = "{\"values\": {\"pm10\": " + (40 + v % 7) + ", \"pm25\": " + (20 + v % 5) + ", \"so2\": 30, \"co\": 900, "
                + "\"o3\": 50, \"no2\": 25, \"hc\": 30}}";
        for (String s : new String[] {"loktuan", "guntung", "bontang-kuala", "api-api", "tanjung-laut", "bontang-lestari"}) {
            app.publish("pantau/v1/devices/aqms-" + s + "/telemetry", air);
        }
        for (String g : new String[] {"awlr-sungai-km5", "awlr-api-api", "awlr-telihan", "tide-bontang-kuala", "tide-loktuan",
                "tide-tanjung-laut-indah"}) {
            app.publish("pantau/v1/devices/" + g + "/telemetry", "{\"values\": {\"level_cm\": " + (50 + v % 40) + "}}");
        }
        for (String r : new String[] {"ahmad-yani", "mt-haryono", "soekarno-hatta", "bhayangkara"}) {
            app.publish("pantau/v1/devices/trf-" + r + "/telemetry", "{\"values\": {\"vehicles\": 1, \"speed_kmh\": " + (20 + v % 30) + "}}");
        }
        app.publish("pantau/v1/feeds/call112", "{\"values\": {\"calls\": 1, \"prank_calls\": " + v % 2 + "}}");
        app.publish("pantau/v1/feeds/umkm", "{\"values\": {\"orders\": 1, \"revenue_idr\": 50000}}");
        app.publish("pantau/v1/feeds/pdam", "{\"values\": {\"production_lps\": " + (300 + v % 100) + "}}");
        app.publish("pantau/v1/feeds/rsud-queue", "{\"values\": {\"waiting\": " + v + "}}");
    }

    @Test
    void verifiesThatAClientThatStopsReadingIsDroppedWhileTheOthersKeepUp() throws IOException {
        Ready.await();
        double dropped = Metrics.value("pantau_wall_disconnected_total{reason=\"slow\"}");
        try (Socket stuck = stuck(Wall.socket(wall, null)); WallClient fast = new WallClient(Wall.socket(wall, null));
                BulkPublisher app = new BulkPublisher(MosquittoResource.url())) {
            int v = 1000;
            long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (Metrics.value("pantau_wall_disconnected_total{reason=\"slow\"}") <= dropped && System.nanoTime() < until) {
                for (int i = 0; i < 20; i++) {
                    everything(app, ++v);
                }
                app.flush();
                waitFor(fast, v); // every change reaches the fast client, while the stuck one falls behind
            }
            assertThat(Metrics.value("pantau_wall_disconnected_total{reason=\"slow\"}")).isEqualTo(dropped + 1);
            assertThat(Metrics.value("pantau_wall_coalesced_total")).isPositive();
            everything(app, ++v);
            app.flush();
            waitFor(fast, v);
            assertThat(fast.isClosed()).isFalse();
        }
        given().get("/q/health/ready").then().statusCode(200);
    }
}
