package id.bontang.pantau.wall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Metrics;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both sides notice a dead connection within seconds: heartbeats to the wall, pings answered or the socket closed. */
@QuarkusTest
@TestProfile(WallHeartbeatTest.FastHeartbeat.class)
@WithTestResource(MosquittoResource.class)
class WallHeartbeatTest {

    /** A heartbeat a second, and a lag limit too long to matter here. */
    public static class FastHeartbeat implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.wall.heartbeat", "1s", "pantau.wall.max-lag", "5m");
        }
    }

    @TestHTTPResource("/ws/wall")
    URI wall;

    @Test
    void verifiesThatAClientThatAnswersPingsHearsHeartbeatsAndStaysWhileASilentOneIsClosed() throws Exception {
        Ready.await();
        String unresponsive = "pantau_wall_disconnected_total{reason=\"unresponsive\"}";
        double closed = Metrics.value(unresponsive);
        try (WallClient live = new WallClient(Wall.socket(wall, null)); Socket silent = WallProtocolTest.stuck(Wall.socket(wall, null))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Metrics.value(unresponsive) == closed + 1);
            // Three intervals without a pong close a socket; the live client (the JDK answers pings) outlasts that.
            await().atMost(Duration.ofSeconds(10)).until(() -> live.heartbeats() >= 5);
            assertThat(live.isClosed()).isFalse();
            assertThat(Metrics.value(unresponsive)).as("only the silent one").isEqualTo(closed + 1);
        }
    }
}
