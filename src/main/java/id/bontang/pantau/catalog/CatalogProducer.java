package id.bontang.pantau.catalog;

import io.quarkus.logging.Log;
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

/** Loads the catalog once: the file {@code PANTAU_CATALOG} names, or the built-in Bontang catalog. */
public class CatalogProducer {

    static final String DEFAULT = "catalog/bontang.yaml";

    @Produces
    @Singleton
    Catalog catalog(@ConfigProperty(name = "pantau.catalog") Optional<String> file) {
        Catalog catalog = file.map(CatalogProducer::fromFile).orElseGet(CatalogProducer::builtIn);
        Log.infof("Catalog %s: %d areas, %d devices, %d feeds, %d tiles", catalog.origin(), catalog.areas().size(),
                catalog.devices().size(), catalog.feeds().size(), catalog.indicators().size());
        return catalog;
    }

    static Catalog fromFile(String file) {
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
