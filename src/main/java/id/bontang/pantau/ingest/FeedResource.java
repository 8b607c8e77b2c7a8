package id.bontang.pantau.ingest;

import id.bontang.pantau.api.Problem;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.Source;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Agency applications push their figures here, with their feed's API key. */
@Path("/api/v1/feeds/{feedId}")
public class FeedResource {

    private final Catalog catalog;
    private final FeedKeys keys;
    private final Ingest ingest;
    private final IngestConfig config;
    private final LiveSubscription live;

    public FeedResource(Catalog catalog, FeedKeys keys, Ingest ingest, IngestConfig config, LiveSubscription live) {
        this.live = live;
        this.catalog = catalog;
        this.keys = keys;
        this.ingest = ingest;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    @Operation(summary = "Push one native record, or an array of them, for a feed",
            description = "Records are {\"ts\": ISO-8601 with offset or epoch ms (optional), \"values\": {metric: number}}. "
                    + "All or nothing: one bad record refuses the request, with a problem body naming the field.")
    @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "400", description = "A record is malformed or invalid; the problem body names the field")
    @APIResponse(responseCode = "401", description = "No API key (Authorization: Bearer <key>)")
    @APIResponse(responseCode = "403", description = "Not this feed's API key")
    @APIResponse(responseCode = "404", description = "No such feed in the catalog")
    @APIResponse(responseCode = "413", description = "Body over the size limit")
    @APIResponse(responseCode = "503", description = "The database cannot store them now; retry after Retry-After seconds")
    public Response post(@PathParam("feedId") String feedId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            byte[] body) {
        Instant now = Instant.now();
        String path = "/api/v1/feeds/" + feedId;
        Source feed = catalog.source(feedId).filter(Source::isFeed).orElse(null);
        if (feed == null) {
            return refuse(now, path, feedId, body, Response.Status.NOT_FOUND,
                    new Rejected(Reason.UNKNOWN_FEED, null, "feed '" + PayloadDecoder.abbreviate(feedId) + "' is not in the catalog"));
        }
        String key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (key == null || key.isEmpty()) {
            return refuse(now, path, feedId, null, Response.Status.UNAUTHORIZED, new Rejected(Reason.UNAUTHORIZED, null,
                    "send the feed's API key as 'Authorization: Bearer <key>'"));
        }
        if (!keys.matches(feedId, key)) {
            return refuse(now, path, feedId, null, Response.Status.FORBIDDEN, new Rejected(Reason.UNAUTHORIZED, null,
                    keys.hasKey(feedId) ? "this is not the API key of feed '" + feedId + "'"
                            : "feed '" + feedId + "' has no API key configured (PANTAU_FEED_KEYS)"));
        }
        if (body.length > config.maxPayloadSize()) {
            return refuse(now, path, feedId, body, Response.Status.REQUEST_ENTITY_TOO_LARGE, new Rejected(Reason.PAYLOAD_TOO_LARGE,
                    null, "the body of " + body.length + " bytes is over the limit of " + config.maxPayloadSize() + " bytes"));
        }
        try {
            List<Reading> readings = ingest.feed(feed, PayloadDecoder.parse(body), now);
            ingest.acceptHttp(readings);
            live.relay(feedId, readings);
            return Response.accepted(Map.of("feed", feedId, "accepted", readings.size())).build();
        } catch (Rejected r) {
            return refuse(now, path, feedId, body, Response.Status.BAD_REQUEST, r);
        } catch (Ingest.Unavailable u) {
            return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE, "Service Unavailable",
                    u.getMessage(), "database-unavailable", null)).header("Retry-After", "10").build();
        }
    }

    private Response refuse(Instant now, String path, String feed, byte[] body, Response.Status status, Rejected r) {
        ingest.rejectHttp(now, path, feed, r, body);
        Response problem = Problem.response(status, status.getReasonPhrase(), r.getMessage(), r.reason().code(), r.field());
        return status == Response.Status.UNAUTHORIZED
                ? Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pantau\"").build()
                : problem;
    }
}
