package id.bontang.pantau.security;

import id.bontang.pantau.api.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;

/**
 * The admin's display credentials: create one (its token is in this answer only), list them with when each was
 * last seen, revoke one. A kiosk then opens {@code /display.html#<token>} once.
 */
@Path("/api/v1/displays")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class DisplaysResource {

    static final String LABEL = "a display has a label of 1 to 100 characters, such as \"Wall left\"";

    public record NewDisplay(@NotBlank(message = LABEL) @Size(max = 100, message = LABEL) String label) {
    }

    private final Displays displays;
    private final Audit audit;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public DisplaysResource(Displays displays, Audit audit, SecurityIdentity identity, HttpServerRequest request) {
        this.displays = displays;
        this.audit = audit;
        this.identity = identity;
        this.request = request;
    }

    @GET
    public List<Displays.Display> list() throws SQLException {
        return displays.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid NewDisplay body) throws SQLException {
        if (body == null) {
            throw ProblemException.invalid("label", "label: " + LABEL);
        }
        Displays.Created created = displays.create(body.label().strip(), identity.getPrincipal().getName());
        audit("display-created", created.display().id(), created.display().label());
        return Response.status(201).entity(created).build();
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) throws SQLException {
        if (!displays.revoke(id)) {
            throw ProblemException.notFound("no-such-display", "no display '" + id + "' that is not revoked");
        }
        audit("display-revoked", id, null);
        return Response.noContent().build();
    }

    private void audit(String action, String subject, String detail) {
        audit.record(identity, request, action, subject, detail);
    }
}
