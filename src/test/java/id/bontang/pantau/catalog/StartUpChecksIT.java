package id.bontang.pantau.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server refusing to start, at once and with the reason, for what waiting cannot fix: a catalog whose
 * GeoJSON was not copied with it, and a PostgreSQL server that lists TimescaleDB but cannot create it. Each time with
 * a real Mosquitto and PostgreSQL configured, which the refused start must not have touched.
 */
class StartUpChecksIT {

    private static final Path SHIPPED = Path.of("src", "main", "resources", "catalog");
    private static final String TABLES = "SELECT count(*) FROM pg_tables WHERE tablename IN ('reading', 'flyway_schema_history')";

    @TempDir
    Path dir;

    /**
     * Verifies that a catalog copied without its GeoJSON stops the server before the migration and before any broker
     * connection, naming the missing file; copied with it, the server starts and serves the boundaries.
     */
    @Test
    void verifiesThatACatalogWithoutItsGeojsonStopsTheServerBeforeTheDatabaseAndTheBroker() throws IOException {
        Path catalog = Files.copy(SHIPPED.resolve("bontang.yaml"), dir.resolve("bontang.yaml"));
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.env(PantauProcess.storing(broker, db, "it-catalog"),
                    Map.of("PANTAU_CATALOG", catalog.toString()));
            try (PantauProcess pantau = new PantauProcess(env)) {
                assertThat(pantau.startAndAwaitExit(Duration.ofSeconds(60))).isNotZero();
                String log = Files.readString(pantau.log().toPath());
                assertThat(log).contains("Invalid catalog " + dir.resolve("bontang-kelurahan.geojson"))
                        .contains("city.geojson of the catalog " + catalog).contains("cannot be read: the file does not exist");
                assertThat(log).as("nothing else started").doesNotContain("MQTT:").doesNotContain("Store:");
                assertThat(db.number(TABLES)).as("no migration").isZero();
                assertThat(broker.log()).as("no connection to the broker").doesNotContain("pantau-");
            }
            Files.copy(SHIPPED.resolve("bontang-kelurahan.geojson"), dir.resolve("bontang-kelurahan.geojson"));
            try (PantauProcess pantau = new PantauProcess(env).start()) {
                assertThat(pantau.http().get("/api/v1/areas/geojson").then().statusCode(200).extract().jsonPath()
                        .getList("features")).hasSize(15);
            }
        }
    }

    /**
     * Verifies that a server listing TimescaleDB that cannot create it stops the start with the fix instead of building
     * a plain schema, and that choosing plain builds plain. The machine's PostgreSQL has no TimescaleDB: a view
     * shadowing {@code pg_available_extensions} in the test database makes it list one, whose creation then fails.
     */
    @Test
    void verifiesThatAnUnusableTimescaledbStopsTheServerWithTheFixInsteadOfBuildingPlain() throws IOException {
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            db.execute("CREATE SCHEMA listed");
            db.execute("CREATE VIEW listed.pg_available_extensions AS SELECT 'timescaledb'::name AS name");
            db.execute("ALTER DATABASE " + db.name() + " SET search_path = public, listed, pg_catalog");
            Map<String, String> env = PantauProcess.storing(broker, db, "it-mode");
            try (PantauProcess pantau = new PantauProcess(env)) {
                assertThat(pantau.startAndAwaitExit(Duration.ofSeconds(60))).isNotZero();
                assertThat(Files.readString(pantau.log().toPath())).contains("Store: refused to start: TimescaleDB is installed")
                        .contains("PANTAU_STORE_MODE=plain");
                assertThat(db.number(TABLES)).as("not made plain").isZero();
            }
            try (PantauProcess pantau = new PantauProcess(PantauProcess.env(env, Map.of("PANTAU_STORE_MODE", "plain"))).start()) {
                assertThat(pantau.admin().get("/q/health/group/storage").then().extract().jsonPath()
                        .getString("checks.find { it.name == 'database' }.data.mode")).isEqualTo("postgresql");
                assertThat(db.number(TABLES)).isEqualTo(2);
            }
        }
    }
}
