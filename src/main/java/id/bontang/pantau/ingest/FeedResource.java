package id.bontang.pantau.ingest;

import id.bontang.pantau.api.Problem;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Agency applications push their figures here, with their feed's API key. */
@jakarta.annotation.security.PermitAll // an agency application authenticates with its feed key (FeedKeys), not as a user
@Path("/api/v1/feeds/{feedId}")
public class FeedResource {

    private final LiveCatalog catalog;
    private final FeedIntake ingest;
    private final IngestConfig config;
    private final FeedGate gate;

    public FeedResource(LiveCatalog catalog, FeedGate gate, FeedIntake ingest, IngestConfig config) {
        this.catalog = catalog;
        this.gate = gate;
        this.ingest = ingest;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(summary = "Push one native record, or an array of them, for a feed",
            description = "Records are {\"ts\": ISO-8601 with offset or epoch ms (optional), \"id\": idempotency key "
                    + "(optional, at most 128 characters), \"values\": {metric: number}}. All or nothing: one bad record "
                    + "refuses the request, with a problem body naming the field. The answer counts the records and "
                    + "values taken (counted and, with persistence, stored) and the records that repeat an id seen before.")
    @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "202", description = "Counted and stored (or recognised as repeats): "
            + "{feed, records, values, accepted (values taken), repeats (records whose id was seen before)}")
    @APIResponse(responseCode = "400", description = "A record is malformed or invalid; the problem body names the field")
    @APIResponse(responseCode = "401", description = "No API key (Authorization: Bearer <key>)")
    @APIResponse(responseCode = "403", description = "Not this feed's API key")
    @APIResponse(responseCode = "404", description = "No such feed in the catalog")
    @APIResponse(responseCode = "413", description = "Body over the size limit (pantau.ingest.max-payload-size), "
            + "refused at once for a declared Content-Length; checked after the feed and its key")
    @APIResponse(responseCode = "503", description = "The database cannot store them now; retry after Retry-After seconds")
    public Response post(@PathParam("feedId") String feedId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            byte[] body) {
        Instant now = Instant.now();
        String path = "/api/v1/feeds/" + feedId;
        // FeedGate has checked this before the body was read; checked again here so that the resource stands alone.
        var refused = gate.refusal(feedId, authorization);
        if (refused.isPresent()) {
            throw refuseUnauthenticated(Response.Status.fromStatusCode(refused.get().status()), refused.get().rejected());
        }
        Source feed = catalog.current().source(feedId).orElseThrow();
        if (body.length > config.maxPayloadSize()) {
            throw refuse(now, path, feedId, body, Response.Status.REQUEST_ENTITY_TOO_LARGE, new Rejected(Reason.PAYLOAD_TOO_LARGE,
                    null, "the body of " + body.length + " bytes is over the limit of " + config.maxPayloadSize() + " bytes"));
        }
        try {
            List<List<Reading>> records = ingest.feed(feed, PayloadDecoder.parse(body), now);
            List<Reading> readings = records.stream().flatMap(List::stream).toList();
            List<Reading> taken = ingest.acceptHttp(feedId, readings);
            Set<Reading> took = Collections.newSetFromMap(new IdentityHashMap<>());
            took.addAll(taken);
            // A repeat is a record whose id was seen before (a state without id repeated at its time is not one).
            long repeats = records.stream().filter(r -> r.stream().anyMatch(Identity::hasClientId)
                    && r.stream().noneMatch(took::contains)).count();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("feed", feedId);
            answer.put("records", records.size());
            answer.put("values", readings.size());
            answer.put("accepted", taken.size());
            answer.put("repeats", repeats);
            return Response.accepted(answer).build();
        } catch (Rejected r) {
            throw refuse(now, path, feedId, body, Response.Status.BAD_REQUEST, r);
        } catch (FeedIntake.Unavailable u) {
            throw ProblemException.unavailable("database-unavailable", u.getMessage(), "10");
        }
    }

    private ProblemException refuse(Instant now, String path, String feed, byte[] body, Response.Status status, Rejected r) {
        ingest.rejectHttp(now, path, feed, r, body);
        return problem(status, r);
    }

    private ProblemException refuseUnauthenticated(Response.Status status, Rejected r) {
        ingest.refuseUnauthenticated(r);
        return problem(status, r);
    }

    private static ProblemException problem(Response.Status status, Rejected r) {
        return new ProblemException(status.getStatusCode(), r.reason().code(), r.field(), r.getMessage(),
                status == Response.Status.UNAUTHORIZED ? Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pantau\"") : Map.of());
    }
}
