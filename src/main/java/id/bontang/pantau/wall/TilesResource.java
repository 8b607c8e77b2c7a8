package id.bontang.pantau.wall;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

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
}
