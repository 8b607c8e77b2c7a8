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

    private final Catalog catalog;

    public AreasResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "The kelurahan of the catalog with their label points (for the wall's map)")
    public List<Area> areas() {
        return catalog.areas();
    }
}
