package id.bontang.pantau.wall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Metrics;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Verifies that each wall page's health is known: one that reports what it renders is {@code ok}, one that renders
 * late is {@code lagging}, one that stops reporting turns {@code frozen} within the limit, is counted in the
 * metric and raises the {@code wall-frozen} alarm naming it, which clears once it reports again.
 */
@QuarkusTest
@TestProfile(WallHealthTest.QuickFreeze.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class) // users, to tell the walls apart
class WallHealthTest {

    /** Frozen after 3 s without a report, so that the test needs not wait the default 10 s. */
    public static class QuickFreeze implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.wall.frozen-after", "3s", "pantau.wall.heartbeat", "1s");
        }
    }

    @TestHTTPResource("/ws/wall")
    URI wall;

    static JsonPath walls() {
        return SignIn.admin().get("/api/v1/walls").then().statusCode(200).extract().jsonPath();
    }

    static String state(String who) {
        return walls().getString("find { it.who == '" + who + "' }.state");
    }

    @Test
    void verifiesOkLaggingAndFrozenWallsTheirMetricAndTheirAlarm() {
        Ready.await();
        for (String user : new String[] {"wall-left", "wall-right"}) {
            SignIn.admin().contentType("application/json")
                    .body(Map.of("username", user, "role", "viewer", "password", "a long wall password"))
                    .post("/api/v1/users").then().statusCode(201);
        }
        ScheduledExecutorService pages = Executors.newScheduledThreadPool(2);
        try (WallClient left = new WallClient(Wall.socket(wall, null), "wall-left", "a long wall password");
                WallClient right = new WallClient(Wall.socket(wall, null), "wall-right", "a long wall password")) {
            long[] rightLag = {20};
            boolean[] rightReports = {true};
            pages.scheduleAtFixedRate(() -> left.report(left.lastSeq(), 15), 0, 500, TimeUnit.MILLISECONDS);
            pages.scheduleAtFixedRate(() -> {
                if (rightReports[0]) {
                    right.report(right.lastSeq(), rightLag[0]);
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> "ok".equals(state("wall-left")) && "ok".equals(state("wall-right")));
            JsonPath w = walls();
            assertThat(w.getString("find { it.who == 'wall-left' }.userAgent")).isNotBlank();
            assertThat(w.getLong("find { it.who == 'wall-left' }.renderedSeq")).isPositive();
            assertThat(w.getString("find { it.who == 'wall-left' }.connectedSince")).isNotBlank();

            rightLag[0] = 5_000; // renders five seconds late
            await().atMost(Duration.ofSeconds(5)).until(() -> "lagging".equals(state("wall-right")));
            rightLag[0] = 20;
            await().atMost(Duration.ofSeconds(5)).until(() -> "ok".equals(state("wall-right")));

            long stopped = System.nanoTime();
            rightReports[0] = false; // the browser froze
            await().atMost(Duration.ofSeconds(15)).until(() -> "frozen".equals(state("wall-right")));
            assertThat((System.nanoTime() - stopped) / 1_000_000_000.0).as("seconds to frozen").isLessThan(15);
            assertThat(state("wall-left")).isEqualTo("ok");
            await().atMost(Duration.ofSeconds(5)).until(() -> Metrics.value("pantau_walls{state=\"frozen\"}") >= 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> SignIn.admin().get("/api/v1/alarms?state=open&rule=wall-frozen")
                    .jsonPath().getList("id").size() == 1);
            String message = SignIn.admin().get("/api/v1/alarms?state=open&rule=wall-frozen").jsonPath().getString("[0].message.en");
            // Named with its address: one user may be signed in on several screens.
            assertThat(message).contains("wall-right (127.0.0.1)").doesNotContain("wall-left");

            rightReports[0] = true;
            await().atMost(Duration.ofSeconds(5)).until(() -> "ok".equals(state("wall-right")));
        } finally {
            pages.shutdownNow();
        }
    }
}
