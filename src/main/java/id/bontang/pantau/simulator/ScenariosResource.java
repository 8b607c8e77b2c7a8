package id.bontang.pantau.simulator;

import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.security.Audit;
import id.bontang.pantau.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The admin's scenarios (docs/alarms.md, "Scenarios in dev mode"): list them, start one now. Under /api/v1, not the
 * simulator's open /simulator/ paths: starting one raises real alarms.
 */
@Path("/api/v1/simulator/scenarios")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class ScenariosResource {

    private final Scenarios scenarios;
    private final Audit audit;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public ScenariosResource(Scenarios scenarios, Audit audit, SecurityIdentity identity, HttpServerRequest request) {
        this.scenarios = scenarios;
        this.audit = audit;
        this.identity = identity;
        this.request = request;
    }

    @GET
    public List<Scenarios.Status> list() {
        return scenarios.list();
    }

    @POST
    @Path("/{name}")
    public Response start(@PathParam("name") String name) {
        Scenario s = Scenario.of(name);
        if (s == null) {
            throw ProblemException.notFound("no-such-scenario", "no scenario '" + name + "'; there are "
                    + String.join(", ", Scenarios.names()));
        }
        if (!scenarios.available()) {
            throw ProblemException.conflict("simulator-off",
                    "the simulator is off (pantau.simulator.enabled): a scenario plays over its values");
        }
        Scenarios.Play play = scenarios.start(s);
        if (play == null) {
            throw ProblemException.conflict("scenario-running", "scenario '" + name + "' is playing already");
        }
        audit.record(identity, request, "simulator-scenario-started", name, null);
        return Response.accepted(play).build();
    }
}
