package id.bontang.pantau.wall;

import id.bontang.pantau.api.Bounds;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;

@jakarta.annotation.security.PermitAll // the wall policy decides (security/WallPolicy, application.properties)
@Path("/api/v1/tiles")
@Produces(MediaType.APPLICATION_JSON)
public class TilesResource {

    private final TileHub hub;

    public TilesResource(TileHub hub) {
        this.hub = hub;
    }

    @GET
    @Operation(summary = "Every tile of the wall as it stands: the same objects as the WebSocket snapshot")
    public List<Tile> tiles() {
        return hub.tiles();
    }

    @GET
    @Path("/history")
    @Operation(summary = "Each tile's recent values, one point a minute, for sparklines",
            description = "A map of tile id to [[epoch milliseconds, value], …], oldest first, since this server started.")
    public Map<String, List<double[]>> history(
            @Parameter(description = "How many hours (1..24)") @QueryParam("hours") @DefaultValue("6") @Bounds(min = 1, max = 24) int hours) {
        return hub.sparklines(hours);
    }
}
