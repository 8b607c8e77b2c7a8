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
        assertThat(yaml.asString()).as("the text as written, comments kept").startsWith("# The default catalog: Bontang");
        assertThat(yaml.header("ETag")).matches("\"\\d+\"");
        SignIn.admin().get("/api/v1/catalog").then().statusCode(200).header("ETag", yaml.header("ETag"))
                .body("city.name", equalTo("Bontang")).body("devices.id", hasItem("aqms-loktuan"));
        SignIn.admin().get("/api/v1/catalog/versions/1").then().statusCode(200).body("version", equalTo(1))
                .body("text", startsWith("# The default catalog"));
        SignIn.admin().get("/api/v1/catalog/versions/99999").then().statusCode(404).body("reason", equalTo("no-such-version"));
    }

    @Test
    void verifiesThatAChangeNeedsTheVersionItWasMadeOn() {
        String text = newest().asString().replace("devices:\n", "devices:\n" + GAUGE);
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
        String text = old.replace("devices:\n", "devices:\n" + GAUGE);

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

        put(old, done.header("ETag"), "").then().statusCode(200) // going back is a new version
                .body("version", equalTo(version + 1)).body("changes.devices.removed", equalTo(List.of("aqms-test-baru")));
    }

    @Test
    void verifiesThatStewardsChangeTheCatalogAndOtherRolesOnlyReadIt() {
        for (String role : List.of("steward", "analyst", "operator", "viewer")) {
            SignIn.admin().contentType("application/json")
                    .body(Map.of("username", "cat-" + role, "role", role, "password", "catalog password " + role))
                    .post("/api/v1/users").then().statusCode(201);
        }
        Response current = newest();
        String text = current.asString().replace("devices:\n", "devices:\n" + GAUGE.replace("aqms-test-baru", "aqms-steward"));
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
}
