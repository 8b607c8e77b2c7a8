package id.bontang.pantau.ingest;

import id.bontang.pantau.api.Problem;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.Source;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * Limits before work on the feed API: the feed and its key are checked, and a declared Content-Length over
 * pantau.ingest.max-payload-size refused, before a byte of the body is read; a body without a length (chunked)
 * is read up to that limit and no further. Only then does {@link FeedResource} run, on the body read here (Quarkus
 * REST takes a body a Vert.x body handler has read). A refusal with the body still arriving closes the connection.
 */
@Singleton
public class FeedGate {

    static final String PREFIX = "/api/v1/feeds/";
    /**
     * Before Quarkus' own body-size check ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2), so that an unknown
     * feed or a wrong key is told so whatever the size, and after the rate limits (security/RateLimits).
     */
    static final int ORDER = -3;

    /** Why a request is refused before its body is read. */
    record Refused(int status, Rejected rejected) {
    }

    private final LiveCatalog catalog;
    private final FeedKeys keys;
    private final FeedIntake intake;
    private final int limit;
    private final BodyHandler body;

    public FeedGate(LiveCatalog catalog, FeedKeys keys, FeedIntake intake, IngestConfig config) {
        this.catalog = catalog;
        this.keys = keys;
        this.intake = intake;
        this.limit = config.maxPayloadSize();
        this.body = BodyHandler.create(false).setBodyLimit(limit);
    }

    void routes(@Observes Router router) {
        router.routeWithRegex(HttpMethod.POST, "/api/v1/feeds/[^/]+/?").order(ORDER).handler(this::check)
                .failureHandler(this::tooLarge);
    }

    /** Unknown feed 404, no key 401, not its key 403; empty when the request may be read. */
    Optional<Refused> refusal(String feedId, String authorization) {
        Source feed = catalog.current().source(feedId).filter(Source::isFeed).orElse(null);
        if (feed == null) {
            return Optional.of(new Refused(404, new Rejected(Reason.UNKNOWN_FEED, null,
                    "feed '" + PayloadDecoder.abbreviate(feedId) + "' is not in the catalog")));
        }
        String key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (key == null || key.isEmpty()) {
            return Optional.of(new Refused(401, new Rejected(Reason.UNAUTHORIZED, null,
                    "send the feed's API key as 'Authorization: Bearer <key>'")));
        }
        if (!keys.matches(feedId, key)) {
            return Optional.of(new Refused(403, new Rejected(Reason.UNAUTHORIZED, null,
                    keys.hasKey(feedId) ? "this is not the API key of feed '" + feedId + "'"
                            : "feed '" + feedId + "' has no API key configured (PANTAU_FEED_KEYS)")));
        }
        return Optional.empty();
    }

    private void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        String feedId = path.substring(PREFIX.length()).replaceFirst("/$", "");
        Optional<Refused> refused = refusal(feedId, rc.request().getHeader("Authorization"));
        if (refused.isPresent()) {
            Refused r = refused.get();
            intake.refuseUnauthenticated(r.rejected());
            if (r.status() == 401) {
                rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"pantau\"");
            }
            send(rc, r.status(), r.rejected());
            return;
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > limit) {
                refuseTooLarge(rc, feedId, "the body of " + (declared == Long.MAX_VALUE ? "'" + length + "'" : declared)
                        + " bytes is over the limit of " + limit + " bytes");
                return;
            }
        }
        // The body handler reads at most the limit, then fails the request with 413 (tooLarge), and calls the next
        // handler (Quarkus REST) with the body otherwise.
        // A client that sent "Expect: 100-continue" is invited to send its body from here on (by the body handler),
        // never before the checks above: a refused one was told so instead, and sends nothing.
        rc.request().resume();
        body.handle(rc);
    }

    private void tooLarge(RoutingContext rc) {
        if (rc.response().ended() || rc.response().closed()) {
            // The connection this gate closed after its answer: the body handler hears of it too, and so did we.
            return;
        }
        if (rc.statusCode() == 413) {
            String feedId = rc.normalizedPath().substring(PREFIX.length()).replaceFirst("/$", "");
            refuseTooLarge(rc, feedId, "the body is over the limit of " + limit + " bytes");
        } else {
            rc.next();
        }
    }

    private void refuseTooLarge(RoutingContext rc, String feedId, String detail) {
        Rejected r = new Rejected(Reason.PAYLOAD_TOO_LARGE, null, detail);
        // The key was right: the refusal is kept with the dead letters, without the body it was not read for.
        intake.rejectHttp(Instant.now(), rc.normalizedPath(), feedId, r, new byte[0]);
        send(rc, 413, r);
    }

    private static void send(RoutingContext rc, int status, Rejected r) {
        Problem.send(rc, status, r.getMessage(), r.reason().code(), r.field());
    }
}
