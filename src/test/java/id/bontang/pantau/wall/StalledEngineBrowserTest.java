package id.bontang.pantau.wall;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.support.Chromium;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Ready;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server whose engine stalls (its lock held, as by a deadlock) keeps sending heartbeats, and the page in a real
 * Chromium marks every tile stale instead of leaving fresh-looking numbers on the screen; it recovers by itself.
 */
@QuarkusTest
@TestProfile(WallHeartbeatTest.FastHeartbeat.class)
@WithTestResource(MosquittoResource.class)
class StalledEngineBrowserTest {

    @Inject
    IndicatorEngine engine;

    @TestHTTPResource("/")
    URL wall;

    private static String freshness(Page page, String tile) {
        return (String) page.evaluate("id => document.getElementById('tile-' + id)?.dataset.freshness", tile);
    }

    @Test
    void verifiesThatAStalledEngineTurnsEveryTileStaleOnTheWallAndThatItRecovers() throws Exception {
        Ready.await();
        given().contentType("application/json").header("Authorization", "Bearer test-key-rsud-0123456789")
                .body("{\"ts\": \"" + Instant.now() + "\", \"values\": {\"waiting\": 42}}").post("/api/v1/feeds/rsud-queue")
                .then().statusCode(202);
        try (Chromium chromium = new Chromium()) {
            Page page = chromium.browser().newPage();
            page.navigate(wall.toString());
            page.waitForFunction("() => document.getElementById('tile-rsud.queue')?.dataset.freshness === 'fresh'");
            assertThat(page.evaluate("() => document.body.classList.contains('stalled')")).isEqualTo(false);

            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch held = new CountDownLatch(1);
            Thread stall = new Thread(() -> {
                synchronized (engine) {
                    held.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            stall.start();
            try {
                assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
                page.waitForFunction("() => document.body.classList.contains('stalled')", null,
                        new Page.WaitForFunctionOptions().setTimeout(15_000));
                assertThat(freshness(page, "rsud.queue")).as("a fresh tile is shown stale").isEqualTo("stale");
                assertThat(page.locator("[id='tile-rsud.queue'] .stale-label").isVisible()).isTrue();
                assertThat(page.locator("#offline").textContent()).startsWith("SERVER TIDAK MENGHITUNG");
            } finally {
                release.countDown();
                stall.join();
            }
            page.waitForFunction("() => !document.body.classList.contains('stalled')", null,
                    new Page.WaitForFunctionOptions().setTimeout(15_000));
            assertThat(freshness(page, "rsud.queue")).isEqualTo("fresh");
            assertThat(page.locator("#offline").isHidden()).isTrue();
        }
    }
}
