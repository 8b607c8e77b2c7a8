package id.bontang.pantau.edit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies the catalog's versions through the API: read, changed on the version read, checked, compared, audited. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
class CatalogApiTest {

    static final String YAML = "application/yaml";
    static final String GAUGE = "  - {id: aqms-test-baru, kind: aqms, area: loktuan, name: AQMS Uji Baru}\n";

    /** The first version is seeded once the schema is ready. */
    static void seeded() {
        Ready.await();
        await("the first version seeded").atMost(Duration.ofSeconds(20))
                .until(() -> SignIn.admin().get("/api/v1/catalog/versions").then().extract().jsonPath().getList("$").size() >= 1);
    }

    /** The newest version's text and its ETag. */
    static Response newest() {
        seeded();
        return SignIn.admin().accept(YAML).get("/api/v1/catalog").then().statusCode(200).extract().response();
    }

    static Response put(String text, String etag, String query) {
        return SignIn.admin().contentType(YAML).header("If-Match", etag).body(bytes(text)).put("/api/v1/catalog" + query)
                .then().extract().response();
    }

    /** The catalog's text with one more device, first in the list (as written by people or by Pantau). */
    static String withDevice(String text, String line) {
        assertThat(text).contains("devices:\n  - ");
        return text.replace("devices:\n", "devices:\n" + line);
    }

    /** RestAssured encodes YAML only as bytes. */
    static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static int versionCount() {
        seeded();
        return SignIn.admin().get("/api/v1/catalog/versions").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    @Test
    void verifiesThatTheCatalogIsReadAsJsonOrAsWrittenWithTheVersionAsETag() {
        Response yaml = newest();
        assertThat(yaml.contentType()).startsWith(YAML);
        assertThat(yaml.header("ETag")).matches("\"\\d+\"");
        assertThat(SignIn.admin().accept(YAML).get("/api/v1/catalog/versions/1").asString())
                .as("the text as written, comments kept").startsWith("# The default catalog: Bontang");
        SignIn.admin().get("/api/v1/catalog").then().statusCode(200).header("ETag", yaml.header("ETag"))
                .body("city.name", equalTo("Bontang")).body("devices.id", hasItem("aqms-loktuan"));
        SignIn.admin().get("/api/v1/catalog/versions/1").then().statusCode(200).body("version", equalTo(1))
                .body("text", startsWith("# The default catalog"));
        SignIn.admin().get("/api/v1/catalog/versions/99999").then().statusCode(404).body("reason", equalTo("no-such-version"));
    }

    @Test
    void verifiesThatAChangeNeedsTheVersionItWasMadeOn() {
        String text = withDevice(newest().asString(), GAUGE);
        SignIn.admin().contentType(YAML).body(bytes(text)).put("/api/v1/catalog").then().statusCode(428)
                .body("reason", equalTo("if-match-required"));
        put(text, "\"99999\"", "").then().statusCode(412).body("reason", equalTo("stale-version"));
    }

    @Test
    void verifiesThatABadCatalogIsRefusedWithEveryProblemNamedByItsPath() {
        Response current = newest();
        int before = versionCount();
        String text = current.asString()
                .replace("{id: aqms-guntung, kind: aqms, area: guntung,", "{id: aqms-guntung, kind: aqms, area: lokuan,")
                .replace("{id: aqms-api-api, kind: aqms,", "{id: aqms-api-api, kind: aqmx,");
        put(text, current.header("ETag"), "").then().statusCode(422).contentType("application/problem+json")
                .body("reason", equalTo("invalid-catalog"))
                .body("problems", hasItems(
                        org.hamcrest.Matchers.containsString("unknown area 'lokuan'"),
                        org.hamcrest.Matchers.containsString("unknown kind 'aqmx'")));
        put("devices: [", current.header("ETag"), "").then().statusCode(422).body("reason", equalTo("invalid-catalog"));
        assertThat(versionCount()).as("nothing recorded").isEqualTo(before);
    }

    @Test
    void verifiesThatAChangeIsComparedRecordedAuditedAndCanBeUndone() {
        Response current = newest();
        String old = current.asString();
        int before = versionCount();
        String text = withDevice(old, GAUGE);

        put(text, current.header("ETag"), "?dryRun=true").then().statusCode(200).body("dryRun", equalTo(true))
                .body("changes.devices.added", equalTo(List.of("aqms-test-baru")));
        assertThat(versionCount()).as("a dry run records nothing").isEqualTo(before);

        Response done = put(text, current.header("ETag"), "?summary=AQMS baru");
        done.then().statusCode(200).body("dryRun", equalTo(false))
                .body("changes.devices.added", equalTo(List.of("aqms-test-baru")))
                .body("changes.devices.removed", equalTo(List.of()));
        int version = done.jsonPath().getInt("version");
        assertThat(done.header("ETag")).isEqualTo("\"" + version + "\"");
        SignIn.admin().get("/api/v1/catalog/versions").then()
                .body("[0].version", equalTo(version)).body("[0].createdBy", equalTo("admin"))
                .body("[0].summary", startsWith("AQMS baru (devices added aqms-test-baru"));
        SignIn.admin().get("/api/v1/catalog/versions/" + version).then()
                .body("changes.devices.added", equalTo(List.of("aqms-test-baru")));
        SignIn.admin().get("/api/v1/audit?limit=20").then()
                .body("find { it.action == 'catalog-changed' && it.subject == 'version " + version + "' }.actor", equalTo("admin"));
        put(text, current.header("ETag"), "").then().statusCode(412); // the version it was made on is no longer the newest
        assertThat(id.bontang.pantau.support.Metrics.value("pantau_catalog_version{state=\"running\"}"))
                .as("running here at once").isEqualTo(version);
        SignIn.admin().get("/api/v1/tiles").then().body("id", hasItem("ispu.aqms-test-baru"));

        put(old, done.header("ETag"), "").then().statusCode(200) // going back is a new version
                .body("version", equalTo(version + 1)).body("changes.devices.removed", equalTo(List.of("aqms-test-baru")));
        // Or by number, without sending the text (a catalog larger than a body may be).
        SignIn.admin().post("/api/v1/catalog/versions/" + version + "/restore").then().statusCode(200)
                .body("version", equalTo(version + 2)).body("summary", startsWith("#" + version))
                .body("changes.devices.added", equalTo(List.of("aqms-test-baru")));
        SignIn.admin().header("If-Match", "\"" + version + "\"").post("/api/v1/catalog/versions/" + (version + 1) + "/restore")
                .then().statusCode(412);
        SignIn.admin().post("/api/v1/catalog/versions/" + (version + 1) + "/restore").then().statusCode(200)
                .body("changes.devices.removed", equalTo(List.of("aqms-test-baru")));
        SignIn.admin().post("/api/v1/catalog/versions/9999/restore").then().statusCode(404);
    }

    @Test
    void verifiesThatStewardsChangeTheCatalogAndOtherRolesOnlyReadIt() {
        for (String role : List.of("steward", "analyst", "operator", "viewer")) {
            SignIn.admin().contentType("application/json")
                    .body(Map.of("username", "cat-" + role, "role", role, "password", "catalog password " + role))
                    .post("/api/v1/users").then().statusCode(201);
        }
        Response current = newest();
        String text = withDevice(current.asString(), GAUGE.replace("aqms-test-baru", "aqms-steward"));
        for (String role : List.of("analyst", "operator")) {
            SignIn.as("cat-" + role, "catalog password " + role).get("/api/v1/catalog").then().statusCode(200);
            SignIn.as("cat-" + role, "catalog password " + role).contentType(YAML).header("If-Match", current.header("ETag"))
                    .body(bytes(text)).put("/api/v1/catalog").then().statusCode(403);
        }
        SignIn.as("cat-viewer", "catalog password viewer").get("/api/v1/catalog").then().statusCode(403);
        given().get("/api/v1/catalog").then().statusCode(401);
        SignIn.as("cat-steward", "catalog password steward").contentType(YAML).header("If-Match", current.header("ETag"))
                .body(bytes(text)).put("/api/v1/catalog?dryRun=true").then().statusCode(200)
                .body("changes.devices.added", equalTo(List.of("aqms-steward")));
        SignIn.as("cat-steward", "catalog password steward").get("/api/v1/users").then().statusCode(403);
    }

    @Test
    void verifiesThatADeviceIsAddedReadChangedAndRemovedOneAtATime() {
        int before = versionCount();
        Map<String, Object> gauge = Map.of("id", "awlr-uji-satu", "kind", "awlr", "area", "guntung", "name", "Sungai Uji",
                "levels", Map.of("waspada", 90, "siaga", 130, "awas", 180));
        SignIn.admin().contentType("application/json").body(gauge).post("/api/v1/catalog/devices").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/catalog/devices/awlr-uji-satu"))
                .body("changes.devices.added", equalTo(List.of("awlr-uji-satu")))
                .body("changes.tiles.added", equalTo(List.of("flood.awlr-uji-satu")));
        SignIn.admin().get("/api/v1/catalog/devices/awlr-uji-satu").then().statusCode(200).body("name", equalTo("Sungai Uji"))
                .body("levels.siaga", equalTo(130));
        SignIn.admin().contentType("application/json").body(gauge).post("/api/v1/catalog/devices").then().statusCode(409)
                .body("reason", equalTo("already-exists"));

        Map<String, Object> renamed = new java.util.HashMap<>(gauge);
        renamed.put("name", "Sungai Uji Hulu");
        SignIn.admin().contentType("application/json").body(renamed).put("/api/v1/catalog/devices/awlr-uji-satu").then()
                .statusCode(200).body("changes.devices.changed", equalTo(List.of("awlr-uji-satu")));
        SignIn.admin().contentType("application/json").body(Map.of("id", "other", "kind", "awlr"))
                .put("/api/v1/catalog/devices/awlr-uji-satu").then().statusCode(400).body("field", equalTo("id"));
        Map<String, Object> lost = new java.util.HashMap<>(gauge);
        lost.put("area", "lokuan");
        SignIn.admin().contentType("application/json").body(lost).put("/api/v1/catalog/devices/awlr-uji-satu").then()
                .statusCode(422).body("problems", hasItem(org.hamcrest.Matchers.containsString("unknown area 'lokuan'")));

        SignIn.admin().delete("/api/v1/catalog/devices/awlr-uji-satu").then().statusCode(200)
                .body("changes.devices.removed", equalTo(List.of("awlr-uji-satu")))
                .body("changes.tiles.removed", equalTo(List.of("flood.awlr-uji-satu")));
        SignIn.admin().get("/api/v1/catalog/devices/awlr-uji-satu").then().statusCode(404).body("reason", equalTo("no-such-device"));
        assertThat(versionCount()).as("added, renamed, removed").isEqualTo(before + 3);
        SignIn.admin().delete("/api/v1/catalog/devices/wx-bontang").then() // a tile would be left without its source
                .statusCode(422).body("problems", hasItem(org.hamcrest.Matchers.containsString("unknown device or feed 'wx-bontang'")));
        SignIn.admin().delete("/api/v1/catalog/devices/awlr-uji-satu").then().statusCode(404);
        SignIn.admin().header("If-Match", "\"1\"").delete("/api/v1/catalog/devices/awlr-sungai-km5").then().statusCode(412);
    }

    @Test
    void verifiesThatDevicesAreAddedFromCsvAllOrNothingWithEveryBadRowNamed() {
        int before = versionCount();
        String bad = "id,kind,area,name,levels.waspada,levels.siaga,levels.awas\n"
                + "awlr-csv-satu,awlr,guntung,Sungai CSV Satu,90,130,180\n"
                + "awlr-csv-dua,awlr,lokuan,\"Sungai CSV, Dua\",90,130,180\n"
                + "awlr-sungai-km5,awlr,guntung,Sudah Ada,90,130,180\n";
        SignIn.admin().contentType("text/csv").body(bad).post("/api/v1/catalog/devices").then().statusCode(422)
                .body("problems", hasItem(startsWith("row 4: device 'awlr-sungai-km5' is in the catalog already")));
        SignIn.admin().contentType("text/csv").body(bad.replace("awlr-sungai-km5,awlr,guntung,Sudah Ada,90,130,180\n", ""))
                .post("/api/v1/catalog/devices").then().statusCode(422)
                .body("problems", hasItem(org.hamcrest.Matchers.allOf(startsWith("row 3 (devices["),
                        org.hamcrest.Matchers.containsString("unknown area 'lokuan'"))));
        assertThat(versionCount()).as("all or nothing").isEqualTo(before);

        SignIn.admin().contentType("text/csv").body(bad.replace("lokuan", "loktuan")
                .replace("awlr-sungai-km5,awlr,guntung,Sudah Ada,90,130,180\n", "")).post("/api/v1/catalog/devices")
                .then().statusCode(201).body("changes.devices.added", equalTo(List.of("awlr-csv-satu", "awlr-csv-dua")));
        SignIn.admin().get("/api/v1/catalog/devices/awlr-csv-dua").then().body("name", equalTo("Sungai CSV, Dua"))
                .body("levels.awas", equalTo(180)); // a plain number in a cell is a number
        SignIn.admin().contentType("text/csv").body("id,kind\n").post("/api/v1/catalog/devices").then().statusCode(422)
                .body("problems", hasItem("no row below the header"));
    }

    @Test
    void verifiesThatACatalogSentCanNeitherReadTheServersFilesNorBreakTheStore() {
        Response current = newest();
        String text = current.asString();
        int before = versionCount();
        String probe = put(text.replaceFirst("(?m)^  geojson: .*$", "  geojson: /etc/hostname"), current.header("ETag"),
                "?dryRun=true").then().statusCode(422).extract().asString();
        assertThat(probe).contains("city.geojson").contains("not through the API").doesNotContain(hostname());
        put(text.replace("name: AQMS Loktuan", "name: \"AQMS\\0Loktuan\""), current.header("ETag"), "").then()
                .statusCode(422).body("problems", hasItem(org.hamcrest.Matchers.containsString("a control character")));
        put(text, "W/" + current.header("ETag"), "").then().statusCode(412); // a weak tag never matches
        SignIn.admin().contentType(YAML).header("If-Match", current.header("ETag")).queryParam("summary", "baris\npalsu")
                .body(bytes(withDevice(text, GAUGE.replace("aqms-test-baru", "aqms-ringkas")))).put("/api/v1/catalog").then()
                .statusCode(400).body("field", equalTo("summary"));
        SignIn.admin().contentType("application/json").put("/api/v1/catalog/devices/aqms-loktuan").then().statusCode(400);
        assertThat(versionCount()).isEqualTo(before);
    }

    private static String hostname() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
        } catch (java.io.IOException e) {
            return "no hostname file";
        }
    }

    @Test
    void verifiesThatAChangeOfOneEntryKeepsEveryOtherAsWritten() {
        SignIn.admin().contentType("application/json").body(Map.of("id", "0x1f", "kind", "awlr", "area", "guntung",
                "name", "1e3", "levels", Map.of("waspada", 90, "siaga", 130.5, "awas", 180))).post("/api/v1/catalog/devices")
                .then().statusCode(201);
        SignIn.admin().contentType("application/json").body(Map.of("id", "awlr-lain", "kind", "awlr", "area", "guntung",
                "name", "yes", "levels", Map.of("waspada", 90, "siaga", 130, "awas", 180))).post("/api/v1/catalog/devices")
                .then().statusCode(201).body("changes.devices.added", equalTo(List.of("awlr-lain")))
                .body("changes.devices.changed", equalTo(List.of()));
        SignIn.admin().get("/api/v1/catalog/devices/0x1f").then().statusCode(200).body("name", equalTo("1e3"))
                .body("levels.siaga", equalTo(130.5f));
        SignIn.admin().get("/api/v1/catalog/devices/awlr-lain").then().body("name", equalTo("yes"));
        String csv = "\uFEFFid;kind;area;name;levels.waspada;levels.siaga;levels.awas\n"
                + "awlr-titik-koma;awlr;guntung;Sungai, dengan koma;90;130;180\n";
        SignIn.admin().contentType("text/csv").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/catalog/devices").then().statusCode(201)
                .body("changes.devices.added", equalTo(List.of("awlr-titik-koma")));
        SignIn.admin().get("/api/v1/catalog/devices/awlr-titik-koma").then().body("name", equalTo("Sungai, dengan koma"));
    }
}
