package id.bontang.pantau.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@jakarta.annotation.security.PermitAll // the wall policy decides (security/WallPolicy, application.properties)
@Path("/api/v1/areas")
@Produces(MediaType.APPLICATION_JSON)
public class AreasResource {

    private final LiveCatalog catalog;
    private final AreaShapes shapes;

    public AreasResource(LiveCatalog catalog, AreaShapes shapes) {
        this.catalog = catalog;
        this.shapes = shapes;
    }

    @GET
    @Path("/geojson")
    @Produces("application/geo+json")
    @Operation(summary = "The areas' boundaries (GeoJSON FeatureCollection, properties.slug = the area id), for the map",
            description = "404 when the catalog has none (PANTAU_AREAS_GEOJSON or city.geojson): the wall then draws points.")
    public jakarta.ws.rs.core.Response geojson() {
        return shapes.geojson().map(b -> jakarta.ws.rs.core.Response.ok(b).header("Cache-Control", "max-age=3600").build())
                .orElseThrow(() -> id.bontang.pantau.api.ProblemException.notFound("no-geojson",
                        "this catalog has no area boundaries (PANTAU_AREAS_GEOJSON, or city.geojson)"));
    }

    @GET
    @Operation(summary = "The kelurahan of the catalog with their label points (for the wall's map)")
    public List<Area> areas() {
        return catalog.current().areas();
    }
}
