package id.bontang.pantau.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map's boundaries: the shipped ones, another city's file, and files that must stop the server with a reason. */
class AreaShapesTest {

    private static final Catalog BONTANG = CatalogProducer.builtIn();

    @TempDir
    Path dir;

    private static AreaShapes shapes(String file) {
        return new AreaShapes(BONTANG, Optional.ofNullable(file), new ObjectMapper());
    }

    @Test
    void verifiesThatTheBuiltInCatalogBringsTheFifteenKelurahan() throws IOException {
        byte[] geojson = shapes(null).geojson().orElseThrow();
        assertThat(new ObjectMapper().readTree(geojson).path("features")).hasSize(15);
    }

    @Test
    void verifiesThatAFileThatIsMissingNotJsonOrNotAFeatureCollectionIsRefusedWithItsReason() throws IOException {
        String missing = dir.resolve("no-such.geojson").toString();
        assertThatThrownBy(() -> shapes(missing)).isInstanceOf(CatalogException.class).hasMessageContaining(missing)
                .hasMessageContaining("cannot be read");
        Path text = Files.writeString(dir.resolve("text.geojson"), "kelurahan", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> shapes(text.toString())).isInstanceOf(CatalogException.class).hasMessageContaining("is not JSON");
        Path point = Files.writeString(dir.resolve("point.geojson"), "{\"type\": \"Point\", \"coordinates\": [117.5, 0.1]}");
        assertThatThrownBy(() -> shapes(point.toString())).isInstanceOf(CatalogException.class)
                .hasMessageContaining("must be a FeatureCollection");
    }

    @Test
    void verifiesThatAnotherFileIsServedEvenWithoutEveryAreaAndThatCatalogPathsAreRelativeToTheCatalog() throws IOException {
        Path one = Files.writeString(dir.resolve("one.geojson"), "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": "
                + "\"Feature\", \"properties\": {\"slug\": \"loktuan\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [117.5, 0.1]}}]}");
        assertThat(new String(shapes(one.toString()).geojson().orElseThrow(), StandardCharsets.UTF_8)).contains("loktuan");
        assertThat(AreaShapes.besideCatalog("/etc/pantau/city.yaml", "city.geojson")).isEqualTo("/etc/pantau/city.geojson");
        assertThat(AreaShapes.besideCatalog("classpath:catalog/bontang.yaml", "bontang-kelurahan.geojson"))
                .isEqualTo("classpath:catalog/bontang-kelurahan.geojson");
        assertThat(AreaShapes.besideCatalog("/etc/pantau/city.yaml", "/srv/maps/city.geojson")).isEqualTo("/srv/maps/city.geojson");
    }
}
