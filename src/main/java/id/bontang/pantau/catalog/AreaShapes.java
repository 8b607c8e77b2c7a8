package id.bontang.pantau.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The areas' boundaries for the wall's map: a GeoJSON FeatureCollection whose features carry the catalog's area
 * slug in {@code properties.slug}. From {@code PANTAU_AREAS_GEOJSON}, else the catalog's {@code city.geojson}
 * (beside the catalog file, or {@code classpath:}), else none: the wall then draws its schematic map. Read with the
 * catalog ({@link CatalogProducer}), before anything else starts, so that a file that is missing or wrong stops the
 * server at once with the reason, as a wrong catalog does: not after the migration and the warm start, and not by
 * failing each wall's request for the map.
 */
public class AreaShapes {

    private final byte[] geojson;
    private final String origin;

    /**
     * @param file {@code PANTAU_AREAS_GEOJSON}, which replaces the catalog's own file
     * @throws CatalogException naming the file and what is wrong with it
     */
    public AreaShapes(Catalog catalog, Optional<String> file, ObjectMapper json) {
        String where = file.filter(f -> !f.isBlank()).orElseGet(() -> catalog.geojson() == null ? null
                : besideCatalog(catalog.origin(), catalog.geojson()));
        this.origin = where;
        String named = file.filter(f -> !f.isBlank()).isPresent() ? "PANTAU_AREAS_GEOJSON"
                : "city.geojson of the catalog " + catalog.origin();
        this.geojson = where == null ? null : read(where, named, catalog, json);
    }

    /** A path written in the catalog is relative to the catalog's own place. */
    static String besideCatalog(String catalogOrigin, String file) {
        if (file.startsWith("classpath:") || Path.of(file).isAbsolute()) {
            return file;
        }
        if (catalogOrigin.startsWith("classpath:")) {
            String dir = catalogOrigin.substring("classpath:".length());
            int slash = dir.lastIndexOf('/');
            return "classpath:" + (slash < 0 ? "" : dir.substring(0, slash + 1)) + file;
        }
        Path parent = Path.of(catalogOrigin).getParent();
        return (parent == null ? Path.of(file) : parent.resolve(file)).toString();
    }

    private static byte[] read(String where, String named, Catalog catalog, ObjectMapper json) {
        byte[] bytes;
        try (InputStream in = where.startsWith("classpath:")
                ? AreaShapes.class.getClassLoader().getResourceAsStream(where.substring("classpath:".length()))
                : Files.newInputStream(Path.of(where))) {
            if (in == null) {
                throw new CatalogException(where, List.of("the areas' GeoJSON (" + named + ") does not exist"));
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "the file does not exist" : e.toString();
            throw new CatalogException(where, List.of("the areas' GeoJSON (" + named + ") cannot be read: " + why
                    + " (a catalog's city.geojson is read beside the catalog's file, or from classpath:…: copy it with the "
                    + "catalog; PANTAU_AREAS_GEOJSON names another)"));
        }
        Set<String> shaped = new HashSet<>();
        try {
            JsonNode root = json.readTree(bytes);
            if (!"FeatureCollection".equals(root.path("type").asText())) {
                throw new CatalogException(where, List.of("the areas' GeoJSON must be a FeatureCollection"));
            }
            root.path("features").forEach(f -> shaped.add(f.path("properties").path("slug").asText()));
        } catch (IOException e) {
            throw new CatalogException(where, List.of("the areas' GeoJSON is not JSON: " + e.getMessage()));
        }
        List<String> missing = catalog.areas().stream().map(Area::slug).filter(s -> !shaped.contains(s)).toList();
        if (missing.isEmpty()) {
            Log.infof("Map: %d area boundaries from %s", shaped.size(), where);
        } else {
            Log.warnf("Map: %s has no boundary (properties.slug) for %s; those areas are drawn as points", where, missing);
        }
        return bytes;
    }

    public Optional<byte[]> geojson() {
        return Optional.ofNullable(geojson);
    }

    public String origin() {
        return origin;
    }
}
