package id.bontang.pantau.edit;

import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.security.Audit;
import id.bontang.pantau.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A new secret for a device's or feed's broker login ({@link BrokerLogins}): shown in this answer once, kept by the
 * broker as a hash only, never stored or logged by Pantau, and audited (who, when, for which source; never the secret).
 */
@Path("/api/v1/catalog/{section: devices|feeds|connectors}/{id}/credentials")
@RolesAllowed(Role.STEWARD_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class CredentialsResource {

    private final BrokerLogins logins;
    private final LiveCatalog live;
    private final Audit audit;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public CredentialsResource(BrokerLogins logins, LiveCatalog live, Audit audit, SecurityIdentity identity,
            HttpServerRequest request) {
        this.logins = logins;
        this.live = live;
        this.audit = audit;
        this.identity = identity;
        this.request = request;
    }

    @POST
    @Operation(summary = "Issues a new secret for the source's broker login (shown once; the old one stops working "
            + "and its connection is closed); 409 when the broker's logins are managed elsewhere")
    public Response issue(@PathParam("section") String section, @PathParam("id") String id) {
        boolean feed = section.equals("feeds");
        String what = feed ? "feed" : section.equals("connectors") ? "connector" : "device";
        if (!logins.managed()) {
            throw ProblemException.conflict("broker-logins-elsewhere", "the broker's logins are managed elsewhere: "
                    + logins.elsewhere());
        }
        if (section.equals("connectors")) {
            // The login a network server or vendor gateway publishes with (an MQTT connector's), bound to its id.
            var c = live.current().connector(id).filter(x -> x.mqtt()).orElseThrow(() -> ProblemException.notFound(
                    "no-such-connector", "the running catalog has no MQTT connector '" + id + "'"));
            return issued(what, id, c.topics());
        }
        Source source = live.current().source(id).filter(s -> s.isFeed() == feed).orElseThrow(() ->
                ProblemException.notFound("no-such-" + what, "the running catalog has no " + what + " '" + id + "'"));
        if (source.life() == Source.Life.RETIRED) {
            throw ProblemException.conflict("retired", what + " '" + id + "' is retired: it has no broker login");
        }
        return issued(what, id, feed ? List.of("pantau/v1/feeds/" + id) : List.of("pantau/v1/devices/" + id + "/#"));
    }

    private Response issued(String what, String id, List<String> publishes) {
        String secret;
        try {
            secret = logins.issue(id);
        } catch (DynsecClient.Refused e) {
            throw ProblemException.unavailable("broker-refused", "the broker did not take the new secret: " + e.getMessage(), "5");
        }
        audit.record(identity, request, "broker-credentials-issued", what + " " + id,
                "a new secret for its broker login; connections with the old one closed");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("username", id);
        answer.put("clientId", id);
        answer.put("password", secret);
        answer.put("publishes", publishes);
        answer.put("note", "shown once: Pantau keeps no copy; issue a new one if it is lost");
        return Response.ok(answer).header("Cache-Control", "no-store").build();
    }
}
