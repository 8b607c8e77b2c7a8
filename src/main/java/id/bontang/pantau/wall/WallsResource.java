package id.bontang.pantau.wall;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/walls")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
public class WallsResource {

    private final WallHealth health;

    public WallsResource(WallHealth health) {
        this.health = health;
    }

    @GET
    @Operation(summary = "The connected wall pages and their health: ok, lagging or frozen",
            description = "Each page reports the last seq it rendered every few seconds; without a report for "
                    + "pantau.wall.frozen-after (10 s) it is frozen.")
    public List<WallHealth.Wall> walls() {
        return health.walls();
    }
}
