package id.bontang.pantau.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the catalog once, with every file it names: the file {@code PANTAU_CATALOG} names, or the built-in Bontang
 * catalog, and the areas' GeoJSON ({@link AreaShapes}). First of all at start ({@link #FIRST}): a catalog or a file of
 * it that cannot be used stops the server at once with the reason, before the migration, the warm start and the
 * broker connections, rather than seconds later (under {@code restart: unless-stopped}, a restart loop).
 */
@Singleton
public class CatalogProducer {

    static final String DEFAULT = "catalog/bontang.yaml";
    /** Before every other bean that starts with the application (the default priority is 2500). */
    static final int FIRST = 1;

    private volatile AreaShapes shapes;

    @Produces
    @Singleton
    @Startup(FIRST)
    Catalog catalog(@ConfigProperty(name = "pantau.catalog") Optional<String> file,
            @ConfigProperty(name = "pantau.areas-geojson") Optional<String> areasGeojson) {
        Catalog catalog = file.map(CatalogProducer::load).orElseGet(CatalogProducer::builtIn);
        shapes = new AreaShapes(catalog, areasGeojson, new ObjectMapper());
        Log.infof("Catalog %s: %d areas, %d devices, %d feeds, %d tiles", catalog.origin(), catalog.areas().size(),
                catalog.devices().size(), catalog.feeds().size(), catalog.indicators().size());
        return catalog;
    }

    /** The areas' boundaries, read and checked with the catalog. */
    @Produces
    @Singleton
    AreaShapes shapes(Catalog catalog) {
        return shapes;
    }

    /**
     * A catalog file and the files it names (its {@code city.geojson}), as the credentials tool reads it
     * ({@link BrokerAccess}): a catalog copied without its GeoJSON is refused here too, before anything starts.
     */
    static Catalog fromFile(String file) {
        Catalog catalog = load(file);
        new AreaShapes(catalog, Optional.empty(), new ObjectMapper());
        return catalog;
    }

    private static Catalog load(String file) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new CatalogException(file, List.of("the file does not exist or cannot be read (PANTAU_CATALOG)"));
        }
        try (InputStream in = Files.newInputStream(path)) {
            return CatalogLoader.load(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog builtIn() {
        try (InputStream in = CatalogProducer.class.getClassLoader().getResourceAsStream(DEFAULT)) {
            return CatalogLoader.load("classpath:" + DEFAULT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
