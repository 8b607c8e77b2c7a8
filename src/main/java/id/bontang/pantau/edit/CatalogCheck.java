package id.bontang.pantau.edit;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.catalog.AreaShapes;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogException;
import id.bontang.pantau.catalog.CatalogLoader;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A catalog sent to the API checked as at start: the same readers, and the files it names (city.geojson, found
 * beside the file that seeded the database), so that what is accepted here also starts.
 */
@Singleton
public class CatalogCheck {

    private final Optional<String> areasGeojson;
    private final ObjectMapper json = new ObjectMapper();

    public CatalogCheck(@ConfigProperty(name = "pantau.areas-geojson") Optional<String> areasGeojson) {
        this.areasGeojson = areasGeojson;
    }

    /** @throws CatalogException with every problem, answered 422 */
    Catalog load(String origin, String text) {
        Catalog read = CatalogLoader.load("the catalog sent", text);
        Catalog catalog = new Catalog(origin, read.city(), read.zone(), read.areas(), read.sources(), read.indicators(),
                read.alarms(), read.geojson());
        new AreaShapes(catalog, areasGeojson, json);
        return catalog;
    }

    @ServerExceptionMapper
    public Response invalid(CatalogException e) {
        return CatalogResource.invalid(e);
    }
}
