package id.bontang.pantau.edit;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import id.bontang.pantau.support.Chromium;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verifies, in Chromium, that a steward finds devices, adds one with the server's checks beside the fields, and goes back;
 * a wall page open all the while shows the new gauge's tile and then loses it, without a reload.
 */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class CatalogPageBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void verifiesThatAStewardAddsAGaugeThroughThePageAndCanGoBack() {
        Ready.await();
        SignIn.admin().contentType("application/json").body(Map.of("username", "steward-sari", "role", "steward",
                "password", "a long steward password")).post("/api/v1/users").then().statusCode(201);
        try (Chromium chromium = new Chromium()) {
            Page wall = chromium.browser().newContext().newPage(); // open all along, never reloaded
            wall.navigate(root.toString());
            wall.waitForSelector("[data-tile='flood.tide-loktuan']");
            Page page = chromium.browser().newContext().newPage();
            page.onDialog(d -> d.accept());
            page.navigate(root + "catalog.html");
            page.waitForURL("**/login.html");
            page.fill("#u", "steward-sari");
            page.fill("#p", "a long steward password");
            page.click("button[type=submit]");
            page.waitForURL("**/catalog.html");
            page.waitForSelector("#yaml");
            assertThat(page.evaluate("() => getComputedStyle(document.querySelector('#yaml')).backgroundColor").toString())
                    .as("the page's style sheet reaches a steward").isEqualTo("rgb(11, 18, 32)");
            page.waitForSelector("#devices tr[data-device='tide-loktuan']");
            page.waitForSelector("#connectors tr[data-connector='bmkg-gempa']"); // and what the connectors did
            assertThat(page.textContent("#connectors tr[data-connector='chirpstack-bontang']")).contains("application/+/device/+/event/+");
            assertThat(page.textContent("#connectors tr[data-connector='tts-bontang']"))
                    .contains("POST /api/v1/connectors/tts-bontang/uplinks").doesNotContain("rahasia belum diatur");
            assertThat(page.textContent("#connectors tr[data-connector='bmkg-gempa']")).contains("tiap 1m → gempa");
            assertThat(page.textContent("#devices tr[data-feed='call112']")).as("the agencies' feeds too")
                    .contains("Layanan darurat 112").contains("umpan");
            int all = page.locator("#devices tbody tr").count();
            page.fill("#search", "pasut");
            page.waitForFunction("n => document.querySelectorAll('#devices tbody tr').length < n", all);
            assertThat(page.locator("#devices tbody tr[data-device='tide-loktuan']").count()).isEqualTo(1);
            assertThat(page.locator("#devices tbody tr[data-device='aqms-loktuan']").count()).isZero();
            page.fill("#search", "");

            page.fill("#new-device [name=id]", "Sungai Halaman");
            page.fill("#new-device [name=name]", "Sungai Halaman");
            page.selectOption("#new-device [name=kind]", "awlr");
            page.selectOption("#new-device [name=area]", "guntung");
            page.click("#new-device button");
            page.waitForFunction("() => document.querySelector('.problem[data-for=id]').textContent.includes('id must match')");

            page.fill("#new-device [name=id]", "awlr-halaman");
            page.fill("#new-device [name=waspada]", "90");
            page.fill("#new-device [name=siaga]", "130");
            page.fill("#new-device [name=awas]", "180");
            page.click("#new-device button");
            page.waitForSelector("#devices tr[data-device='awlr-halaman']");
            assertThat(page.textContent("#devices tr[data-device='awlr-halaman']")).contains("Sungai Halaman").contains("Guntung")
                    .contains("direncanakan");
            assertThat(page.textContent("#versions tbody tr")).contains("awlr-halaman").contains("steward-sari");
            assertThat(page.textContent("#version")).contains("tanpa mulai ulang");
            SignIn.admin().get("/api/v1/catalog/devices/awlr-halaman").then().statusCode(200);
            wall.waitForSelector("[data-tile='flood.awlr-halaman']", new Page.WaitForSelectorOptions().setTimeout(5000));
            assertThat(wall.textContent("[data-tile='flood.awlr-halaman']")).contains("Sungai Halaman");
            page.click("#devices tr[data-device='awlr-halaman']"); // its page: never heard, no readings, logins elsewhere
            page.waitForSelector("#source[data-source='awlr-halaman'] #readings-none:not([hidden])");
            assertThat(page.textContent("#logins-note")).contains("Pantau membuat login broker");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(java.nio.file.Path.of("target", "catalog-page.png"))); // docs/catalog.png
            page.click("#issue"); // its broker secret, shown once (the dialog is accepted)
            page.waitForSelector("#secret:not([hidden])");
            assertThat(page.textContent("#secret-value")).contains("awlr-halaman").containsPattern("kata sandi: \\S{20,}");
            // Edited through the same form: renamed and put in maintenance; the open wall follows.
            page.click("#edit-source");
            page.waitForFunction("() => document.querySelector('#new-device [name=id]').readOnly");
            page.fill("#new-device [name=name]", "Sungai Halaman Baru");
            page.selectOption("#new-device [name=state]", "maintenance");
            page.click("#submit-device");
            page.waitForFunction("() => document.querySelector('#message').textContent.includes('awlr-halaman diubah')");
            SignIn.admin().get("/api/v1/catalog/devices/awlr-halaman").then().statusCode(200)
                    .body("name", org.hamcrest.Matchers.equalTo("Sungai Halaman Baru"))
                    .body("state", org.hamcrest.Matchers.equalTo("maintenance")).body("levels.siaga", org.hamcrest.Matchers.equalTo(130));
            wall.waitForFunction("() => document.querySelector(\"[data-tile='flood.awlr-halaman']\").textContent.includes('Halaman Baru')");
            page.click("#versions tbody tr:first-child button.diff");
            page.waitForFunction("() => document.querySelector('#diff').textContent.includes('awlr-halaman')");

            page.click("#versions tbody tr:nth-child(3) button.restore"); // the version before the gauge
            page.waitForFunction("() => !document.querySelector(\"#devices tr[data-device='awlr-halaman']\")");
            SignIn.admin().get("/api/v1/catalog/devices/awlr-halaman").then().statusCode(404);
            wall.waitForFunction("() => !document.querySelector(\"[data-tile='flood.awlr-halaman']\")");
            page.click("#lang");
            page.waitForFunction("() => document.querySelector('#devices th').textContent === 'id' "
                    + "&& document.querySelector('#version').textContent.includes('this server runs')");

            // Tiles and rules in the YAML editor: checked as one types, saved only when valid, on the wall at once.
            page.waitForFunction("() => document.querySelector('#yaml').value.includes('tide-loktuan')");
            String yaml = page.inputValue("#yaml");
            page.fill("#yaml", yaml.replace("{id: tide-loktuan, kind: tide, area: loktuan,", "{id: tide-loktuan, kind: tide, area: lokuan,"));
            page.waitForFunction("() => document.querySelector('#yaml-problems').textContent.includes(\"unknown area 'lokuan'\")");
            assertThat(page.isDisabled("#yaml-save")).isTrue();
            page.fill("#yaml", yaml.replace("name: Pasut Loktuan,", "name: Pasut Loktuan Utara,"));
            page.waitForFunction("() => document.querySelector('#yaml-state').textContent.startsWith('Valid')");
            page.click("#yaml-save");
            page.waitForFunction("() => document.querySelector('#message').textContent.startsWith('Saved as version')");
            wall.waitForFunction("() => document.querySelector(\"[data-tile='flood.tide-loktuan']\").textContent.includes('Utara')");

            // A gauge put in maintenance: its tile stays, marked, on the open wall.
            Map<String, Object> gauge = new java.util.HashMap<>(SignIn.admin().get("/api/v1/catalog/devices/tide-loktuan")
                    .then().statusCode(200).extract().jsonPath().getMap("$"));
            gauge.put("state", "maintenance");
            SignIn.admin().contentType("application/json").body(gauge).put("/api/v1/catalog/devices/tide-loktuan").then()
                    .statusCode(200);
            wall.waitForSelector("[data-tile='flood.tide-loktuan'][data-maintenance='true'] .badge.maintenance");
            assertThat(wall.textContent("[data-tile='flood.tide-loktuan'] .badge")).isEqualTo("perawatan");
        }
        SignIn.as("steward-sari", "a long steward password").get("/api/v1/users").then().statusCode(403);
        assertThat(SignIn.as("steward-sari", "a long steward password").redirects().follow(false).get("/admin.html").statusCode())
                .isEqualTo(403);
    }
}
