package id.bontang.pantau.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verifies, on the packaged server, that a catalog version recorded through the API runs at once and is the catalog
 * of the next start (the file only seeded the database), and that the file mode keeps the file authoritative (read
 * again when it changes, a broken change refused in the log) and the API read-only.
 */
class CatalogVersionsIT {

    private static final String TILE = "ispu.aqms-uji";

    private static List<String> tiles(PantauProcess pantau) {
        return pantau.http().get("/api/v1/tiles").then().statusCode(200).extract().jsonPath().getList("id");
    }

    @Test
    void verifiesThatARecordedVersionIsAppliedLiveAndAtTheNextStartAndTheFileModeFollowsTheFile() throws Exception {
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.storing(broker, db, "catalog-it");
            PantauProcess first = new PantauProcess(env).start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> first.admin().get("/api/v1/catalog/versions")
                        .jsonPath().getList("version").equals(List.of(1)));
                Response current = first.admin().accept("application/yaml").get("/api/v1/catalog");
                String text = current.asString().replace("devices:\n",
                        "devices:\n  - {id: aqms-uji, kind: aqms, area: loktuan, name: AQMS Uji}\n");
                first.admin().contentType("application/yaml").header("If-Match", current.header("ETag"))
                        .body(text.getBytes(StandardCharsets.UTF_8)).put("/api/v1/catalog").then().statusCode(200)
                        .extract().jsonPath().getInt("version");
                await().atMost(Duration.ofSeconds(5)).until(() -> tiles(first).contains(TILE));
            } finally {
                first.stop();
            }

            PantauProcess second = new PantauProcess(env).start();
            try {
                assertThat(tiles(second)).contains(TILE);
                var versions = second.admin().get("/api/v1/catalog/versions").jsonPath();
                assertThat(versions.getList("version")).containsExactly(2, 1);
                assertThat(versions.getList("running")).containsExactly(true, false);
            } finally {
                second.stop();
            }

            String file = new id.bontang.pantau.support.EditedCatalog().write();
            PantauProcess fromFile = new PantauProcess(PantauProcess.env(env, Map.of("PANTAU_CATALOG_MODE", "file",
                    "PANTAU_CATALOG", file))).start();
            try {
                assertThat(tiles(fromFile)).as("the file, not the database's version").doesNotContain(TILE);
                Response current = fromFile.admin().accept("application/yaml").get("/api/v1/catalog");
                assertThat(current.asString()).doesNotContain("aqms-uji");
                fromFile.admin().contentType("application/yaml").header("If-Match", current.header("ETag"))
                        .body(current.asString().getBytes(StandardCharsets.UTF_8)).put("/api/v1/catalog").then()
                        .statusCode(409).body("reason", org.hamcrest.Matchers.equalTo("catalog-in-file"));
                // The file changes (a git pull): read again and applied without a restart; a broken one is refused.
                String text = java.nio.file.Files.readString(java.nio.file.Path.of(file));
                java.nio.file.Files.writeString(java.nio.file.Path.of(file), text.replace("devices:\n",
                        "devices:\n  - {id: aqms-uji, kind: aqms, area: loktuan, name: AQMS Uji}\n"));
                await().atMost(Duration.ofSeconds(5)).until(() -> tiles(fromFile).contains(TILE));
                java.nio.file.Files.writeString(java.nio.file.Path.of(file), text.replace("devices:\n",
                        "devices:\n  - {id: aqms-uji, kind: aqms, area: lokuan, name: AQMS Uji}\n"));
                await().atMost(Duration.ofSeconds(5)).until(() -> java.nio.file.Files.readString(fromFile.log().toPath())
                        .contains("changed but is not applied"));
                assertThat(java.nio.file.Files.readString(fromFile.log().toPath())).contains("unknown area 'lokuan'");
                assertThat(tiles(fromFile)).as("the running catalog stays").contains(TILE);
                assertThat(fromFile.admin().get("/api/v1/catalog/versions").jsonPath().getList("$")).isEmpty();
            } finally {
                fromFile.stop();
            }
        }
    }
}
