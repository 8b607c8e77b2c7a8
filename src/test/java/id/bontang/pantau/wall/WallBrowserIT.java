package id.bontang.pantau.wall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import id.bontang.pantau.support.Chromium;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Publisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wall in a real headless Chromium, against the packaged server and a real Mosquitto. */
class WallBrowserIT {

    static Mosquitto broker;
    static Map<String, String> env;
    static int port;
    static PantauProcess pantau;
    static Chromium chromium;
    static Browser browser;

    @BeforeAll
    static void start() {
        broker = new Mosquitto().start();
        env = broker.pantauEnv();
        port = Mosquitto.freePort();
        pantau = new PantauProcess(env, port).start();
        chromium = new Chromium();
        browser = chromium.browser();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (pantau != null) {
            pantau.stop();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    private static Page open(int width, int height, String query, List<String> errors) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(width, height));
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                errors.add(m.text());
            }
        });
        page.onPageError(e -> errors.add("page error: " + e));
        page.navigate("http://127.0.0.1:" + port + "/" + query);
        page.waitForSelector("#conn[data-state='live']");
        return page;
    }

    private static String attr(Page page, String tile, String name) {
        return (String) page.evaluate("([id, n]) => document.getElementById('tile-' + id)?.getAttribute(n)",
                List.of(tile, name));
    }

    private static String text(Page page, String tile, String selector) {
        return (String) page.evaluate("([id, s]) => document.querySelector('#tile-' + CSS.escape(id) + ' ' + s)?.textContent",
                List.of(tile, selector));
    }

    @Test
    void verifiesTheWallLiveStaleAtBothResolutionsAndThroughARestart() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        Page page = open(1920, 1080, "", errors);
        List<String> ids = pantau.http().get("/api/v1/tiles").jsonPath().getList("id");
        assertThat(ids).hasSize(28);
        for (String id : ids) {
            assertThat(page.locator("[id='tile-" + id + "']").count()).as("tile %s is on the wall", id).isEqualTo(1);
        }
        assertThat(page.locator(".dimension h2").allTextContents()).anyMatch(h -> h.startsWith("Smart Environment"));
        assertThat(errors).as("console errors at load").isEmpty();

        // A reading reaches its tile.
        try (Publisher gauge = new Publisher(broker.url())) {
            long sent = System.nanoTime();
            gauge.telemetry("tide-loktuan", "{\"values\": {\"level_cm\": 245}}");
            page.waitForFunction("() => document.querySelector('#tile-flood\\\\.tide-loktuan .value')?.textContent === '245'",
                    null, new Page.WaitForFunctionOptions().setTimeout(2000));
            System.out.printf("Reading to tile in the browser: %d ms%n", (System.nanoTime() - sent) / 1_000_000);
        }
        assertThat(attr(page, "flood.tide-loktuan", "data-status")).isEqualTo("critical");
        assertThat(text(page, "flood.tide-loktuan", ".badge")).isEqualTo("Siaga");

        // A source that stops: its last reading (cadence 60 s) turns older than three cadences and the tile says so.
        try (Publisher station = new Publisher(broker.url())) {
            station.telemetry("awlr-telihan", "{\"ts\": " + (System.currentTimeMillis() - 178_500) + ", \"values\": {\"level_cm\": 99}}");
        }
        page.waitForFunction("() => document.querySelector('#tile-flood\\\\.awlr-telihan .value')?.textContent === '99'");
        page.waitForFunction("() => document.getElementById('tile-flood.awlr-telihan').dataset.freshness === 'stale'",
                null, new Page.WaitForFunctionOptions().setTimeout(10_000));
        assertThat(page.locator("[id='tile-flood.awlr-telihan'] .stale-label").isVisible()).isTrue();
        assertThat(text(page, "flood.awlr-telihan", ".stale-label")).isEqualTo("DATA LAMA");

        Files.createDirectories(Path.of("target"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "wall-1920x1080.png")));
        Page large = open(3840, 2160, "?lang=en&kiosk", errors);
        assertThat(large.locator("#lang").isVisible()).as("kiosk mode shows no controls").isFalse();
        assertThat(text(large, "flood.awlr-telihan", ".stale-label")).isEqualTo("STALE");
        large.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "wall-3840x2160.png")));
        large.close();

        // English by the switch, and back.
        page.click("#lang");
        assertThat(text(page, "flood.tide-loktuan", ".title")).startsWith("Water level");
        page.click("#lang");
        assertThat(text(page, "flood.tide-loktuan", ".title")).startsWith("Tinggi muka air");
        assertThat(errors).as("console errors while live").isEmpty();

        // The server restarts: the wall notices, says since when it is not updated, reconnects by itself.
        pantau.stop();
        page.waitForSelector("#conn[data-state='down']");
        page.waitForSelector("#offline:not([hidden])", new Page.WaitForSelectorOptions().setTimeout(10_000));
        assertThat(page.locator("body").getAttribute("class")).contains("disconnected");
        pantau = new PantauProcess(env, port).start();
        page.waitForSelector("#conn[data-state='live']", new Page.WaitForSelectorOptions().setTimeout(30_000));
        await().atMost(Duration.ofSeconds(5)).until(() -> page.locator("#offline").isHidden());
        try (Publisher gauge = new Publisher(broker.url())) {
            gauge.telemetry("tide-loktuan", "{\"values\": {\"level_cm\": 231}}");
        }
        page.waitForFunction("() => document.querySelector('#tile-flood\\\\.tide-loktuan .value')?.textContent === '231'");
        assertThat(text(page, "flood.tide-loktuan", ".badge")).isEqualTo("Waspada");
        // Only the refused connections while the server was down may have been logged.
        assertThat(errors).allMatch(e -> e.contains("WebSocket") || e.contains("Failed to load resource"));
        page.close();
    }
}
