package id.bontang.pantau.edit;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.catalog.AreaShapes;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.CatalogException;
import id.bontang.pantau.catalog.CatalogLoader;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A catalog sent to the API checked as at start: the same readers, and the areas' boundaries of the running catalog
 * (its city.geojson cannot be changed here), so that what is accepted here also starts.
 */
@Singleton
public class CatalogCheck {

    private final Optional<String> areasGeojson;
    private final LiveCatalog live;
    private final ObjectMapper json = new ObjectMapper();

    public CatalogCheck(@ConfigProperty(name = "pantau.areas-geojson") Optional<String> areasGeojson, LiveCatalog live) {
        this.areasGeojson = areasGeojson;
        this.live = live;
    }

    /**
     * A catalog sent to the API.
     *
     * @throws CatalogException with every problem, answered 422
     */
    Catalog sent(String origin, String text) {
        Catalog catalog = read(origin, text);
        Catalog running = live.current();
        if (!catalog.zone().equals(running.zone())) {
            // The days of reading_1d and of every "today" tile are in it: changed only with every instance stopped.
            throw new CatalogException("the catalog sent", java.util.List.of("city.timezone: the city's time zone is "
                    + running.zone().getId() + " while Pantau runs (its daily aggregates are counted in it); it changes "
                    + "only at a start, from the file (PANTAU_CATALOG_MODE=file)"));
        }
        if (!java.util.Objects.equals(catalog.geojson(), running.geojson())) {
            // A path on this server is not the API's to choose: it would read any file the server can.
            throw new CatalogException("the catalog sent", java.util.List.of("city.geojson: the areas' boundaries file is "
                    + "set where Pantau runs (PANTAU_AREAS_GEOJSON, or the catalog that seeded the database), not through the "
                    + "API; send " + (running.geojson() == null ? "none" : "'" + running.geojson() + "'")));
        }
        new AreaShapes(catalog, areasGeojson, json);
        return catalog;
    }

    /** A recorded version, to compare with: null when it no longer validates (recorded before an upgrade, say). */
    Catalog stored(String origin, String text) {
        try {
            return read(origin, text);
        } catch (CatalogException e) {
            return null;
        }
    }

    private static Catalog read(String origin, String text) {
        return CatalogLoader.load("the catalog sent", text).withOrigin(origin);
    }

    @ServerExceptionMapper
    public Response invalid(CatalogException e) {
        return CatalogResource.invalid(e);
    }
}
