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

    /**
     * Verifies that a catalog copied without the GeoJSON it names is refused with the catalog, by the server's
     * producer and by the credentials tool alike (both read {@link CatalogProducer}), naming the missing file and the
     * catalog; copied with it, or with {@code PANTAU_AREAS_GEOJSON} naming another, it is taken.
     */
    @Test
    void verifiesThatACatalogCopiedWithoutItsGeojsonIsRefusedWithTheCatalog() throws IOException {
        Path shipped = Path.of("src", "main", "resources", "catalog");
        Path catalog = Files.copy(shipped.resolve("bontang.yaml"), dir.resolve("bontang.yaml"));
        String missing = dir.resolve("bontang-kelurahan.geojson").toString();
        assertThatThrownBy(() -> CatalogProducer.fromFile(catalog.toString())).isInstanceOf(CatalogException.class)
                .hasMessageContaining(missing).hasMessageContaining("city.geojson of the catalog " + catalog)
                .hasMessageContaining("cannot be read").hasMessageContaining("copy it with the catalog");
        assertThatThrownBy(() -> new CatalogProducer().catalog(Optional.of(catalog.toString()), Optional.empty(), Optional.empty()))
                .isInstanceOf(CatalogException.class).hasMessageContaining(missing);

        Path other = Files.copy(shipped.resolve("bontang-kelurahan.geojson"), dir.resolve("other.geojson"));
        CatalogProducer producer = new CatalogProducer();
        assertThat(producer.catalog(Optional.of(catalog.toString()), Optional.of(other.toString()), Optional.empty()).areas()).hasSize(15);
        assertThat(producer.shapes(null).origin()).isEqualTo(other.toString());

        Files.copy(shipped.resolve("bontang-kelurahan.geojson"), dir.resolve("bontang-kelurahan.geojson"));
        assertThat(CatalogProducer.fromFile(catalog.toString()).areas()).hasSize(15);
        CatalogProducer copied = new CatalogProducer();
        copied.catalog(Optional.of(catalog.toString()), Optional.empty(), Optional.empty());
        assertThat(copied.shapes(null).geojson()).isPresent();
    }

    /**
     * Verifies that the catalog, and so its files, is the first thing the application starts: before the store's
     * migration and warm start, the broker and its connections (beans that start at the default priority).
     */
    @Test
    void verifiesThatTheCatalogStartsFirst() throws NoSuchMethodException {
        io.quarkus.runtime.Startup startup = CatalogProducer.class.getDeclaredMethod("live", Optional.class, Optional.class,
                CatalogProducer.Mode.class, io.quarkus.arc.InjectableInstance.class)
                .getAnnotation(io.quarkus.runtime.Startup.class);
        assertThat(startup).isNotNull();
        assertThat(startup.value()).isLessThan(jakarta.enterprise.inject.spi.ObserverMethod.DEFAULT_PRIORITY);
        for (Class<?> c : new Class<?>[] {id.bontang.pantau.store.Store.class, id.bontang.pantau.broker.Broker.class,
                id.bontang.pantau.broker.LiveSubscription.class, id.bontang.pantau.broker.DurableSubscription.class}) {
            io.quarkus.runtime.Startup other = c.getAnnotation(io.quarkus.runtime.Startup.class);
            assertThat(other == null ? jakarta.enterprise.inject.spi.ObserverMethod.DEFAULT_PRIORITY : other.value())
                    .as(c.getSimpleName()).isGreaterThan(startup.value());
        }
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
