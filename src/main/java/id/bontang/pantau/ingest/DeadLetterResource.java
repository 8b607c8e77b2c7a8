package id.bontang.pantau.ingest;

import id.bontang.pantau.api.Bounds;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@jakarta.annotation.security.RolesAllowed(id.bontang.pantau.security.Role.ANALYST_NAME)
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetters deadLetters;

    public DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(summary = "The most recent rejected messages and values, newest first, with the reason for each")
    public List<DeadLetter> list(
            @Parameter(description = "At most this many (1..1000)") @QueryParam("limit") @DefaultValue("100") @Bounds(min = 1, max = 1000) int limit,
            @Parameter(description = "Only this reason, e.g. unknown-device") @QueryParam("reason") String reason) {
        return deadLetters.newest(limit, reason);
    }
}
