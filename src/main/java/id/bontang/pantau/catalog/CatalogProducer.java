package id.bontang.pantau.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the catalog this instance starts with, and every file it names: the file {@code PANTAU_CATALOG} names, or the built-in Bontang
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
    private volatile CatalogVersion version;

    /** Where the catalog is authoritative ({@code PANTAU_CATALOG_MODE}). */
    public enum Mode {
        /** Versions in the database, changed through the API; the file only seeds an empty database. */
        DATABASE,
        /** The file; the API reads it and refuses changes. Always so without a database. */
        FILE
    }

    @Produces
    @Singleton
    @Startup(FIRST)
    LiveCatalog live(@ConfigProperty(name = "pantau.catalog") Optional<String> file,
            @ConfigProperty(name = "pantau.areas-geojson") Optional<String> areasGeojson,
            @ConfigProperty(name = "pantau.catalog-mode", defaultValue = "database") Mode mode,
            InjectableInstance<AgroalDataSource> dataSource) {
        Catalog catalog = catalog(file, areasGeojson, mode == Mode.DATABASE
                ? dataSource.listActive().stream().findFirst().flatMap(StoredCatalog::newest)
                : Optional.empty());
        return new LiveCatalog(catalog, version);
    }

    /** @param stored the database's newest version, which wins over the file when there is one */
    Catalog catalog(Optional<String> file, Optional<String> areasGeojson, Optional<CatalogVersion> stored) {
        // The file is read only when it is the catalog: once the database holds one, it may be gone. The files a stored
        // version names (city.geojson) are found where the configuration says now, not where the seed once was.
        String seed = file.orElse("classpath:" + DEFAULT);
        version = stored.map(v -> new CatalogVersion(v.number(), seed, v.text()))
                .orElseGet(() -> file.map(CatalogProducer::read).orElseGet(CatalogProducer::builtInText));
        Catalog catalog = CatalogLoader.load(version.stored() ? "version " + version.number() : version.origin(), version.text());
        catalog = catalog.withOrigin(version.origin());
        shapes = new AreaShapes(catalog, areasGeojson, new ObjectMapper());
        Log.infof("Catalog %s: %d areas, %d devices, %d feeds, %d tiles", version.stored()
                ? "version " + version.number() + " from the database (" + seed + " seeds an empty database only; "
                        + "PANTAU_CATALOG_MODE=file keeps the file authoritative)"
                : catalog.origin(), catalog.areas().size(), catalog.devices().size(), catalog.feeds().size(),
                catalog.indicators().size());
        return catalog;
    }

    /** The areas' boundaries, read and checked with the catalog. */
    @Produces
    @Singleton
    AreaShapes shapes(LiveCatalog catalog) {
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
        CatalogVersion v = read(file);
        return CatalogLoader.load(v.origin(), v.text());
    }

    private static CatalogVersion read(String file) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new CatalogException(file, List.of("the file does not exist or cannot be read (PANTAU_CATALOG)"));
        }
        try {
            return new CatalogVersion(0, file, Files.readString(path));
        } catch (IOException e) {
            throw new CatalogException(file, List.of("cannot be read: " + e.getMessage()));
        }
    }

    private static CatalogVersion builtInText() {
        try (InputStream in = CatalogProducer.class.getClassLoader().getResourceAsStream(DEFAULT)) {
            return new CatalogVersion(0, "classpath:" + DEFAULT, new String(in.readAllBytes(), StandardCharsets.UTF_8));
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
