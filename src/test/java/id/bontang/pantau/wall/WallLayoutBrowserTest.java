package id.bontang.pantau.wall;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import id.bontang.pantau.support.Chromium;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.Wita;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The wall in the machine's Chromium at the Command Center's screen sizes, in both languages, with every tile filled
 * (large and long figures included): no text of any tile is cut off, each dimension has one header over all its
 * tiles, the map draws the kelurahan from their boundaries with the boundaries' credit, and the English page speaks
 * English. {@link WallLayoutLongNamesBrowserTest} runs the same with a catalog of long names.
 */
@QuarkusTest
@TestProfile(WallLayoutBrowserTest.EveryFeed.class)
@WithTestResource(MosquittoResource.class)
class WallLayoutBrowserTest {

    /** Keys for every agency feed of the catalog, so that the test can fill every tile. */
    public static class EveryFeed implements QuarkusTestProfile {
        static final Map<String, String> KEYS = Map.of("rsud-queue", "k-rsud-0123456789", "call112", "k-112-0123456789",
                "lapor", "k-lapor-0123456789", "pdam", "k-pdam-0123456789", "umkm", "k-umkm-0123456789",
                "perpustakaan-digital", "k-library-0123456789", "pariwisata", "k-tourism-0123456789");

        @Override
        public Map<String, String> getConfigOverrides() {
            return overrides();
        }

        Map<String, String> overrides() {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("pantau.feed-keys", String.join(",", KEYS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .toList()));
            return config;
        }
    }

    static final List<int[]> SIZES = List.of(new int[] {1920, 1080}, new int[] {2560, 1440}, new int[] {3840, 2160});

    /** Indonesian words that the catalog's titles, units and details use, which an English page must not show. */
    static final Pattern INDONESIAN = Pattern.compile("\\b(Pasut|Sungai|Tinggi|muka air|hari ini|Antrean|Lalu lintas|Pesanan|"
            + "Omzet|Kunjungan|Wisatawan|Curah|Energi|Panggilan|Pengaduan|Produksi|daring|menit|Kota|kendaraan|pasien|aduan|"
            + "pesanan|kunjungan|wisatawan|lampu|panggilan|mnt|Kecepatan|Melewati|Gangguan|rusak|dari|terburuk|sebagian|"
            + "Lingkungan|Tata kelola|Ekonomi|Mobilitas|Masyarakat|Kehidupan|Citra|Selat|Rawan|Stasiun)\\b");

    @TestHTTPResource("/")
    URL root;

    /** A name of the catalog that the page must show (the long-names catalog's), or null. */
    protected String longName() {
        return null;
    }

    private static void feed(String id, String values) {
        given().contentType("application/json").header("Authorization", "Bearer " + EveryFeed.KEYS.get(id))
                .body("{\"ts\": \"" + Instant.now() + "\", \"values\": " + values + "}").post("/api/v1/feeds/" + id)
                .then().statusCode(202);
    }

    /** Every source sends: large figures (revenue in the tens of billions of rupiah), levels past thresholds. */
    private static void fillEveryTile() {
        try (Publisher city = new Publisher(MosquittoResource.url())) {
            Map<String, Integer> pm25 = Map.of("loktuan", 160, "guntung", 30, "bontang-kuala", 70, "api-api", 260,
                    "tanjung-laut", 12, "bontang-lestari", 45);
            pm25.forEach((station, pm) -> city.telemetry("aqms-" + station, "{\"values\": {\"pm10\": 80, \"pm25\": " + pm
                    + ", \"so2\": 30, \"co\": 2000, \"o3\": 60, \"no2\": 40, \"hc\": 50, \"temperature\": 30.5, \"humidity\": 81}}"));
            // Four gauges at Awas: four critical alarms, more than the band has room for side by side.
            Map<String, Integer> levels = Map.of("awlr-sungai-km5", 310, "awlr-api-api", 120, "awlr-telihan", 50,
                    "tide-bontang-kuala", 262, "tide-loktuan", 270, "tide-tanjung-laut-indah", 280);
            levels.forEach((gauge, cm) -> city.telemetry(gauge, "{\"values\": {\"level_cm\": " + cm + "}}"));
            city.telemetry("wx-bontang", "{\"values\": {\"temperature\": 31, \"humidity\": 75, \"rain_mm\": 12.5, \"wind_speed\": 3}}");
            Map<String, Integer> vehicles = Map.of("trf-ahmad-yani", 23456, "trf-mt-haryono", 1234, "trf-soekarno-hatta", 987,
                    "trf-bhayangkara", 64);
            vehicles.forEach((road, n) -> city.telemetry(road, "{\"values\": {\"vehicles\": " + n + ", \"speed_kmh\": 18}}"));
            for (int i = 1; i <= 20; i++) {
                city.telemetry(String.format("pju-panel-%02d", i), "{\"values\": {\"kwh\": 617.3, \"lamps_faulty\": 7}}");
            }
            for (int i = 1; i <= 66; i++) {
                city.publish(String.format("pantau/v1/devices/cctv-%03d/status", i), i <= 60 ? "online" : "offline");
            }
        }
        feed("rsud-queue", "{\"waiting\": 142, \"eticket_obat_waiting\": 37, \"median_wait_min\": 48}");
        feed("call112", "{\"calls\": 4321, \"prank_calls\": 1555, \"dispatch_median_min\": 9}");
        feed("lapor", "{\"open\": 161, \"overdue\": 27}");
        feed("pdam", "{\"production_lps\": 1234.5, \"outages\": 2}");
        feed("umkm", "{\"orders\": 12345, \"revenue_idr\": 25800000000}");
        feed("perpustakaan-digital", "{\"visits\": 734567}"); // at most a million a record: two
        feed("perpustakaan-digital", "{\"visits\": 500000}");
        feed("pariwisata", "{\"visitors\": 98765}");
    }

    // Every visible text of every tile and every dimension header: the text within its element (no scrolled or
    // ellipsised overflow), the element within every box around it up to its tile, the tile within the screen.
    private static final String CUT_OFF = """
            () => {
              const cut = [];
              const visible = e => getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden'
                && e.getClientRects().length > 0;
              const ownText = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
              const within = (r, o, axis) => axis === 'x' ? r.left >= o.left - 1 && r.right <= o.right + 1
                : r.top >= o.top - 1 && r.bottom <= o.bottom + 1;
              const check = (e, top, name) => {
                const label = name + ' .' + [...e.classList].join('.') + ' "' + e.textContent.trim() + '"';
                if (e.scrollWidth > e.clientWidth) cut.push(label + ': ' + e.scrollWidth + ' px wide in ' + e.clientWidth);
                if (e.scrollHeight > e.clientHeight + 1) cut.push(label + ': ' + e.scrollHeight + ' px high in ' + e.clientHeight);
                const range = document.createRange();
                range.selectNodeContents(e);
                const glyphs = range.getBoundingClientRect();
                const box = e.getBoundingClientRect();
                for (let a = e; a && a !== top.parentElement; a = a.parentElement) {
                  const outer = a.getBoundingClientRect();
                  const where = a === e ? 'itself' : '.' + ([...a.classList].join('.') || a.tagName);
                  if (!within(glyphs, outer, 'x')) { cut.push(label + ': text runs out of ' + where); break; }
                  if (a !== e && !within(box, outer, 'y')) { cut.push(label + ': out of ' + where); break; }
                }
              };
              const screen = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
              for (const tile of document.querySelectorAll('#dimensions .tile')) {
                const r = tile.getBoundingClientRect();
                if (!within(r, screen, 'x') || !within(r, screen, 'y')) cut.push(tile.id + ' is off the screen');
                tile.querySelectorAll('*').forEach(e => {
                  if (!e.closest('.spark') && visible(e) && ownText(e)) check(e, tile, tile.id);
                });
              }
              const band = document.getElementById('alarm-critical');
              band.querySelectorAll('li, li *').forEach(e => { if (visible(e) && ownText(e)) check(e, band, 'alarm band'); });
              for (const h of document.querySelectorAll('#dimensions h2')) {
                [h, ...h.querySelectorAll('*')].forEach(e => { if (visible(e) && ownText(e)) check(e, h.closest('.band'), 'header'); });
              }
              return cut;
            }
            """;

    /**
     * What is cut off once the page has settled: measured between two idle frames in which the page fitted nothing
     * (a delta or an alarm arriving just before would otherwise be measured before the page's next fitting).
     */
    @SuppressWarnings("unchecked")
    private static List<String> cutOff(Page page) {
        String settled = """
                async () => {
                  const frames = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
                  await frames();
                  if (document.body.dataset.fit !== 'idle') return null;
                  const runs = document.body.dataset.fitRuns;
                  const cut = (%s)();
                  await frames();
                  return document.body.dataset.fit === 'idle' && document.body.dataset.fitRuns === runs ? cut : null;
                }
                """.formatted(CUT_OFF);
        return await("a settled page to measure").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> (List<String>) page.evaluate(settled), found -> found != null);
    }

    /**
     * Verifies that at 1920x1080, 2560x1440 and 3840x2160, in Bahasa Indonesia and in English, with every tile filled
     * (revenue of 25.8 billion rupiah, a million library visits, four gauges past Awas, unhealthy air), no text of any tile
     * or dimension header overflows its box, is cut with an ellipsis or leaves its tile, and no tile leaves the screen;
     * that the critical alarms in the band are shown whole, those without room counted ("+2 more");
     * that each dimension has exactly one header and all its tiles under it; that large numbers are abbreviated the
     * Indonesian way (jt, M) or the English one (m, bn) with the exact value on the tile; that the map draws the 15
     * kelurahan from their boundaries, each station inside its own kelurahan, with the boundaries' credit visible; and
     * that the English page shows no Indonesian word of the catalog (no "Pasut").
     */
    @Test
    void verifiesThatNoTextOfAnyTileIsCutOffAtTheWallsSizesInEitherLanguageAndThatTheLayoutAndTheMapHold() {
        Ready.await();
        Wita.awayFromMidnight(Duration.ofMinutes(2));
        fillEveryTile();
        JsonPath tiles = await("every tile has a value").atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/tiles").then().statusCode(200).extract().jsonPath(),
                t -> t.getList("findAll { it.value == null }").isEmpty());
        List<String> ids = tiles.getList("id");
        Map<String, String> dimensionOf = new LinkedHashMap<>();
        ids.forEach(id -> dimensionOf.put(id, tiles.getString("find { it.id == '" + id + "' }.dimension")));
        long stations = tiles.getList("findAll { it.source != null && it.area != null && it.kind != 'worst' }").size();

        List<String> cut = new ArrayList<>();
        try (Chromium chromium = new Chromium()) {
            for (String lang : List.of("id", "en")) {
                for (int[] size : SIZES) {
                    String at = size[0] + "x" + size[1] + " " + lang;
                    BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                            .setViewportSize(size[0], size[1]));
                    Page page = context.newPage();
                    page.navigate(root + "?lang=" + lang);
                    page.waitForFunction("n => document.getElementById('conn').dataset.state === 'live'"
                            + " && document.querySelectorAll('#dimensions .tile .value').length === n"
                            + " && [...document.querySelectorAll('#dimensions .tile .value')].every(v => v.textContent !== '—')"
                            + " && document.querySelectorAll('#map .station').length > 0"
                            + " && document.querySelector('#alarm-counts [data-severity=\"4\"] .n').textContent === '4'", ids.size());
                    cutOff(page).forEach(f -> cut.add(at + ": " + f));
                    // The critical alarms: those shown whole, the others counted, none lost.
                    assertThat(page.evaluate("""
                            () => {
                              const shown = document.querySelectorAll('#alarm-critical li[data-alarm-id]').length;
                              const more = document.querySelector('#alarm-critical li.more');
                              return [shown, shown + (more ? Number(more.textContent.match(/\\d+/)[0]) : 0)];
                            }
                            """)).as(at + ": critical alarms shown, and shown plus counted").isIn(List.of(1, 4), List.of(2, 4),
                            List.of(3, 4));

                    // One header per dimension, over all of its tiles.
                    for (String dim : dimensionOf.values().stream().distinct().toList()) {
                        assertThat(page.locator("#dimensions section.dimension[data-dimension='" + dim + "']").count())
                                .as(at + ": sections of " + dim).isEqualTo(1);
                        assertThat(page.locator("#dimensions section.dimension[data-dimension='" + dim + "'] h2").count())
                                .as(at + ": headers of " + dim).isEqualTo(1);
                    }
                    assertThat(page.locator("#dimensions h2").count()).as(at + ": headers").isEqualTo(
                            (int) dimensionOf.values().stream().distinct().count());
                    for (String id : ids) {
                        assertThat(page.evaluate("id => document.getElementById('tile-' + id).closest('section').dataset.dimension", id))
                                .as(at + ": the section of " + id).isEqualTo(dimensionOf.get(id));
                    }

                    // The map from the boundaries: the 15 kelurahan, the sea, every station inside its own kelurahan, the credit.
                    assertThat(page.locator("#map g.area path.land").count()).as(at + ": kelurahan drawn").isEqualTo(15);
                    assertThat(page.locator("#map .sea").count()).as(at + ": the sea").isEqualTo(1);
                    assertThat(page.locator("#map .station").count()).as(at + ": stations").isEqualTo((int) stations);
                    assertThat(page.evaluate("""
                            () => [...document.querySelectorAll('#map .station')].filter(m => {
                              const b = m.getBBox();
                              const land = document.querySelector(`#map g.area[data-area="${m.dataset.area}"] path.land`);
                              return !land || !land.isPointInFill(new DOMPoint(b.x + b.width / 2, b.y + b.height / 2));
                            }).map(m => m.dataset.tile)
                            """)).as(at + ": stations outside their kelurahan").asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
                    assertThat(page.evaluate("""
                            () => {
                              const boxes = sel => [...document.querySelectorAll(sel)].map(e => ({ e, b: e.getBoundingClientRect() }));
                              const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
                              const names = boxes('#map text.area-label');
                              const marks = [...boxes('#map circle.anchor'), ...boxes('#map .station')];
                              const found = [];
                              names.forEach((n, i) => {
                                marks.filter(m => hit(n.b, m.b)).forEach(m => found.push(n.e.textContent + ' over '
                                  + (m.e.dataset.tile || 'a dot')));
                                names.slice(i + 1).filter(o => hit(n.b, o.b)).forEach(o => found.push(n.e.textContent + ' over '
                                  + o.e.textContent));
                              });
                              return found;
                            }
                            """)).as(at + ": kelurahan names over a station, a dot or another name")
                            .asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
                    assertThat(page.locator("#attribution").isVisible()).as(at + ": the credit").isTrue();
                    assertThat(page.locator("#attribution").textContent()).contains("Cahya DSN").contains("MIT")
                            .contains("wilayah_boundaries");

                    // Large numbers abbreviated, the exact value on the tile.
                    String revenue = "[id='tile-umkm.revenue-today']";
                    String exact = lang.equals("id") ? "25.800.000.000" : "25,800,000,000";
                    assertThat(page.textContent(revenue + " .value")).isEqualTo(lang.equals("id") ? "25,8 M" : "25.8bn");
                    assertThat(page.textContent(revenue + " .unit")).isEqualTo(lang.equals("id") ? "Rp" : "IDR");
                    assertThat(page.textContent(revenue + " .detail")).contains(exact);
                    assertThat(page.getAttribute(revenue, "title")).contains(exact);
                    assertThat(page.textContent("[id='tile-library.visits-today'] .value"))
                            .isEqualTo(lang.equals("id") ? "1,2 jt" : "1.2m");

                    String wall = (String) page.evaluate("() => document.querySelector('main.wall').innerText");
                    if (longName() != null) {
                        assertThat(wall).as(at + ": the long name").contains(longName());
                    }
                    if (lang.equals("en")) {
                        assertThat(page.textContent("[id='tile-flood.tide-loktuan'] .title")).isEqualTo("Water level · Loktuan tide gauge");
                        // A hyphenated name is one word on the tile (it does not wrap at its hyphen), counts agree in number.
                        assertThat(page.textContent("[id='tile-ispu.aqms-api-api'] .title")).contains("Api\u2011Api");
                        String warnings = page.textContent("#summary .warning");
                        if (warnings != null) {
                            assertThat(warnings).matches("1 warning|([2-9]|\\d\\d+) warnings");
                        }
                        assertThat(INDONESIAN.matcher(wall).results().map(m -> m.group()).distinct().toList())
                                .as(at + ": Indonesian words on the English wall").isEmpty();
                        assertThat(wall).doesNotContain("Pasut");
                    } else {
                        assertThat(page.textContent("[id='tile-flood.tide-loktuan'] .title")).isEqualTo("Tinggi muka air · Pasut Loktuan");
                    }
                    context.close();
                }
            }
        }
        assertThat(cut).as("texts cut off").isEmpty();
    }

    /**
     * Verifies that the operator console lists the connected wall pages in its walls tab, refreshed by itself: a wall
     * that renders is ok, one whose page hangs (its script stops, its socket stays open) turns frozen, in red and
     * counted on the tab, without a reload of the console.
     */
    @Test
    void verifiesThatTheConsoleShowsTheWallsAndAFrozenOneInRed() {
        Assumptions.assumeTrue(longName() == null, "the console does not depend on the catalog's names");
        Ready.await();
        try (Chromium chromium = new Chromium()) {
            Page wall = chromium.browser().newContext().newPage();
            wall.navigate(root.toString());
            wall.waitForFunction("() => document.getElementById('conn').dataset.state === 'live'");

            Page console = chromium.browser().newContext().newPage();
            console.navigate(root + "console?tab=walls&lang=en");
            console.waitForURL("**/login.html");
            console.fill("#u", "admin");
            console.fill("#p", "test-admin-password");
            console.click("button[type=submit]");
            console.waitForURL("**/console?tab=walls&lang=en");
            console.waitForSelector("#walls", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
            console.waitForFunction("() => document.querySelectorAll('#walls-table tbody tr[data-state=ok]').length === 1",
                    null, new Page.WaitForFunctionOptions().setTimeout(20_000));
            assertThat(console.textContent("#walls-table tbody tr .wall-state")).isEqualTo("ok");
            assertThat(console.textContent("#tab-walls")).isEqualTo("Walls (1)");

            // The wall's page hangs (its script stops, its socket stays open): it reports nothing more, and the console
            // says so within the frozen-after time.
            CDPSession debugger = wall.context().newCDPSession(wall);
            debugger.send("Debugger.enable");
            debugger.send("Debugger.pause");
            console.waitForFunction("() => document.querySelector('#walls-table tbody tr[data-state=frozen]') !== null",
                    null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            assertThat(console.textContent("#walls-table tbody tr[data-state=frozen] .wall-state")).isEqualTo("FROZEN");
            assertThat(console.evaluate("() => getComputedStyle(document.querySelector('#walls-table tr[data-state=frozen] "
                    + ".wall-state')).color")).isEqualTo("rgb(239, 75, 66)");
            assertThat(console.textContent("#tab-walls")).isEqualTo("Walls (1)1 frozen");
        }
    }
}
