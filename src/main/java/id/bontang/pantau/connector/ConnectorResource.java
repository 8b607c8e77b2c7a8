package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.api.Problem;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.ingest.FeedIntake;
import id.bontang.pantau.ingest.IngestConfig;
import id.bontang.pantau.ingest.PayloadDecoder;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Translation.Translated;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The connectors' state, and The Things Stack's webhook. */
@Path("/api/v1/connectors")
public class ConnectorResource {

    private final LiveCatalog live;
    private final ConnectorActivity activity;
    private final Translations translations;
    private final FeedIntake intake;
    private final Secrets secrets;
    private final IngestConfig config;

    public ConnectorResource(LiveCatalog live, ConnectorActivity activity, Translations translations, FeedIntake intake,
            Secrets secrets, IngestConfig config) {
        this.live = live;
        this.activity = activity;
        this.translations = translations;
        this.intake = intake;
        this.secrets = secrets;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.OPERATOR_NAME, Role.ANALYST_NAME, Role.STEWARD_NAME })
    @Operation(summary = "Every connector of the catalog and what it has done on this instance",
            description = "messages and refusals, the last of each; a pull feed's last success, last error, next attempt "
                    + "and whether this instance polls it (holds its lease)")
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectorSpec c : live.current().connectors()) {
            ConnectorActivity.Figures f = activity.of(c.id());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("type", c.type().name().toLowerCase(java.util.Locale.ROOT));
            if (c.mqtt()) {
                m.put("topics", c.topics());
            } else if (c.type() == ConnectorSpec.Type.THETHINGSSTACK) {
                m.put("webhook", "/api/v1/connectors/" + c.id() + "/uplinks");
                m.put("secretConfigured", secrets.secret(c.secret()).isPresent());
            }
            m.put("messages", f.messages);
            m.put("refused", f.refused);
            m.put("lastMessage", f.lastMessage);
            m.put("lastRefusal", f.lastRefusal);
            if (c.pull() != null) {
                m.put("source", c.device() == null ? null : c.device().fixed());
                m.put("every", c.pull().every().toString());
                m.put("polling", f.polling);
                m.put("lastSuccess", f.lastSuccess);
                m.put("lastError", f.lastError);
                m.put("error", f.error);
                m.put("nextAttempt", f.nextAttempt);
                m.put("watermark", f.watermark);
            }
            out.add(m);
        }
        return out;
    }

    @POST
    @Path("{id}/uplinks")
    @PermitAll // The Things Stack authenticates with the connector's shared secret in its header, not as a user
    @Consumes(MediaType.WILDCARD)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(summary = "The Things Stack's webhook: one uplink message (JSON), the shared secret in the connector's header",
            description = "202 once stored (or recognised as a repeat), values the catalog refuses kept as dead letters; "
                    + "401 without the secret; 404 for no such webhook; 503 with Retry-After when it cannot store")
    public Response uplink(@PathParam("id") String id, @Context HttpHeaders headers, byte[] body) {
        Instant now = Instant.now();
        ConnectorSpec c = live.current().connector(id).filter(x -> x.type() == ConnectorSpec.Type.THETHINGSSTACK)
                .orElseThrow(() -> new ProblemException(404, "unknown-connector", null, "no webhook connector '"
                        + PayloadDecoder.abbreviate(id) + "' in the catalog"));
        if (!secrets.matches(c.secret(), headers.getHeaderString(c.header()))) {
            throw new ProblemException(401, "unauthorized", c.header(), "the webhook's shared secret is missing or wrong: set "
                    + "the header " + c.header() + " in The Things Stack's webhook" + (secrets.secret(c.secret()).isPresent()
                            ? "" : " (no secret is configured for it in Pantau)"), Map.of());
        }
        if (body.length > config.maxPayloadSize()) {
            throw new ProblemException(413, "payload-too-large", null, "the body of " + body.length
                    + " bytes is over the limit of " + config.maxPayloadSize() + " bytes", Map.of());
        }
        JsonNode json;
        try {
            json = PayloadDecoder.parse(body);
        } catch (Rejected r) {
            intake.refuseConnector(now, "/api/v1/connectors/" + id + "/uplinks", null, r, body);
            throw new ProblemException(400, r.reason().code(), r.field(), r.getMessage(), Map.of());
        }
        try {
            Translated t;
            try {
                t = translations.took(c, json);
            } catch (Rejected r) {
                // An uplink Pantau cannot use (a device not in the catalog, say) is a dead letter, and answered 202: an
                // error would count against the webhook's health in The Things Stack, which may disable it for all devices.
                intake.refuseConnector(now, "/api/v1/connectors/" + id + "/uplinks", null, r, body);
                return Response.accepted(Map.of("connector", id, "values", 0, "accepted", 0, "refused", 1,
                        "reason", r.reason().code(), "detail", r.getMessage())).build();
            }
            List<Reading> taken = intake.acceptConnector(t, "/api/v1/connectors/" + id + "/uplinks", now, body);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("connector", id);
            answer.put("values", t.samples().values().stream().mapToInt(List::size).sum());
            answer.put("accepted", taken.size());
            answer.put("refused", t.refused().size());
            return Response.accepted(answer).build();
        } catch (FeedIntake.Unavailable u) {
            throw ProblemException.unavailable("database-unavailable", u.getMessage(), "10");
        }
    }
}
