package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.ingest.FeedIntake;
import id.bontang.pantau.ingest.FeedRelay;
import id.bontang.pantau.ingest.PayloadDecoder;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Translation.Translated;
import id.bontang.pantau.store.PullState;
import id.bontang.pantau.store.PullState.Place;
import id.bontang.pantau.store.Store;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Pull feeds: Pantau polls an agency's HTTP(S) JSON endpoint on the connector's cadence, with conditional requests
 * ({@code ETag}, {@code Last-Modified}) and a watermark ({@link Watermarks}), and takes its records like a webhook's
 * ({@link FeedIntake#acceptConnector}: stored, counted, relayed to the other instances). With a database, one
 * instance polls each feed: the holder of its lease ({@link PullState}), where the feed's place is kept too. A failure
 * (an error status, a timeout, JSON that is not) is shown on {@code /api/v1/connectors} and tried again later, doubling
 * the wait up to ten cadences, or after the server's {@code Retry-After}.
 */
@Startup
@Singleton
public class PullFeeds {

    private static final long MAX_BODY = id.bontang.pantau.ingest.Ingest.MAX_RELAYED;

    private final LiveCatalog live;
    private final ConnectorActivity activity;
    private final FeedIntake intake;
    private final FeedRelay relay;
    private final Store store;
    private final Secrets secrets;
    private final ConnectorConfig config;
    private final Translations translations;
    private final String holder = "pantau-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect would take the credential elsewhere: give the final url
            .proxy(java.net.ProxySelector.getDefault()).build(); // -Dhttps.proxyHost
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "pantau-pull");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> next = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Without a database: each feed's place, in memory. */
    private final Map<String, Place> places = new ConcurrentHashMap<>();

    public PullFeeds(LiveCatalog live, ConnectorActivity activity, FeedIntake intake, FeedRelay relay, Store store,
            Secrets secrets, ConnectorConfig config, Translations translations) {
        this.live = live;
        this.activity = activity;
        this.intake = intake;
        this.relay = relay;
        this.store = store;
        this.secrets = secrets;
        this.config = config;
        this.translations = translations;
    }

    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.pull()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (ConnectorSpec c : live.current().connectors()) {
            if (c.pull() != null && next.getOrDefault(c.id(), 0L) <= now && running.add(c.id())) {
                workers.execute(() -> {
                    try {
                        poll(c);
                    } catch (RuntimeException e) {
                        failed(c, "unexpected: " + e, null);
                    } finally {
                        running.remove(c.id());
                    }
                });
            }
        }
    }

    /** One poll of one feed, if this instance holds its lease. */
    void poll(ConnectorSpec c) {
        ConnectorActivity.Figures f = activity.of(c.id());
        Instant now = Instant.now();
        Place place;
        try {
            place = lease(c);
        } catch (SQLException e) {
            failed(c, "the database is unavailable, so the feed's lease and watermark are too: " + e.getMessage(), null);
            return;
        }
        if (place == null) {
            f.polling = false;
            activity.polled(c.id(), "skipped");
            scheduleIn(c, c.pull().every());
            return;
        }
        f.polling = true;
        f.watermark = place.watermark();
        String url = secrets.url(c.id(), c.pull().url());
        HttpResponse<java.io.InputStream> answer;
        byte[] body;
        try {
            reachable(URI.create(url).getHost());
            answer = http.send(request(c, url, place), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = answer.body()) {
                body = in.readNBytes((int) MAX_BODY + 1); // one byte past the limit: a larger answer is refused, not held
            }
        } catch (MissingSecret e) {
            failed(c, e.getMessage(), null);
            return;
        } catch (IllegalArgumentException e) {
            failed(c, "the url " + safe(url) + " is not one Pantau may poll: " + e.getMessage(), null);
            return;
        } catch (IOException e) {
            failed(c, "GET " + safe(url) + ": " + (e instanceof java.net.http.HttpTimeoutException ? "no answer within "
                    + c.pull().timeout().toSeconds() + " s" : e.toString()), null);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int status = answer.statusCode();
        if (status == 304) {
            succeeded(c, now, place, "unchanged");
            return;
        }
        if (status < 200 || status > 299) {
            failed(c, "GET " + safe(url) + " answered " + status, answer.headers().firstValue("Retry-After").orElse(null));
            return;
        }
        String where = "GET " + safe(url);
        try {
            if (body.length > MAX_BODY) {
                throw new Rejected(id.bontang.pantau.ingest.Reason.PAYLOAD_TOO_LARGE, null, "the answer of " + body.length
                        + " bytes is over " + MAX_BODY + " bytes");
            }
            JsonNode root = PayloadDecoder.parse(body);
            Watermarks.Kept kept = Watermarks.keep(c, root, place.watermark());
            Translated t = translations.took(c, kept.json());
            byte[] taken = kept.json().toString().getBytes(StandardCharsets.UTF_8);
            intake.acceptConnector(t, where, now, taken);
            Place reached = new Place(kept.newest(), answer.headers().firstValue("ETag").orElse(null),
                    answer.headers().firstValue("Last-Modified").orElse(null));
            succeeded(c, now, reached, t.samples().values().stream().anyMatch(l -> !l.isEmpty()) ? "new" : "unchanged");
        } catch (Rejected r) {
            intake.refuseConnector(now, where, c.device() == null ? null : c.device().fixed(),
                    id.bontang.pantau.ingest.Translation.named(c.id(), r), body);
            String why = r.getMessage();
            failed(c, why.startsWith("connector " + c.id() + ": ") ? why.substring(c.id().length() + 12) : why, null);
        } catch (FeedIntake.Unavailable u) {
            failed(c, "the records could not be stored: " + u.getMessage(), null);
        }
    }

    private Place lease(ConnectorSpec c) throws SQLException {
        if (!store.enabled()) {
            return places.getOrDefault(c.id(), new Place(null, null, null));
        }
        if (!store.up()) {
            throw new SQLException("not reachable");
        }
        Duration lease = config.lease().compareTo(c.pull().every().multipliedBy(2)) > 0 ? config.lease()
                : c.pull().every().multipliedBy(2);
        try (Connection conn = store.connection()) {
            return PullState.lease(conn, c.id(), holder, lease).orElse(null);
        }
    }

    private HttpRequest request(ConnectorSpec c, String url, Place place) throws MissingSecret {
        String target = url;
        if (c.pull().watermark() != null && place.watermark() != null) {
            target += (url.contains("?") ? "&" : "?") + c.pull().watermark() + "="
                    + java.net.URLEncoder.encode(place.watermark(), StandardCharsets.UTF_8);
        }
        String host = URI.create(url).getHost();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(c.pull().timeout())
                .header("Accept", "application/json").header("User-Agent", "Pantau").GET();
        switch (c.pull().auth()) {
            case "bearer" -> b.header("Authorization", "Bearer " + secret(c, c.secret(), host));
            case "basic" -> b.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(secret(c, c.secret(), host).getBytes(StandardCharsets.UTF_8)));
            default -> {
            }
        }
        for (Map.Entry<String, String> h : c.pull().headers().entrySet()) {
            b.header(h.getKey(), secret(c, h.getValue(), host));
        }
        if (place.etag() != null) {
            b.header("If-None-Match", place.etag());
        }
        if (place.lastModified() != null) {
            b.header("If-Modified-Since", place.lastModified());
        }
        return b.build();
    }

    private String secret(ConnectorSpec c, String name, String host) throws MissingSecret {
        return secrets.secretFor(name, host).orElseThrow(() -> new MissingSecret("connector " + c.id() + ": no secret '"
                + name + "' for " + host + " (PANTAU_CONNECTOR_SECRETS=" + name + "@" + host + "=…: a secret is sent only "
                + "to the host it is configured for)"));
    }

    /**
     * Refuses a host that resolves to a loopback, link-local, private or unspecified address unless configuration
     * allows it (PANTAU_CONNECTOR_PULL_HOSTS): a steward writes the url, and the server's own neighbourhood (its admin
     * ports, the cloud's metadata service, the city's internal systems) is not for a catalog entry to read.
     */
    private void reachable(String host) {
        if (host == null) {
            throw new IllegalArgumentException("no host");
        }
        if (secrets.privateAllowed(host)) {
            return;
        }
        try {
            for (java.net.InetAddress a : java.net.InetAddress.getAllByName(host)) {
                boolean unique = a instanceof java.net.Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc; // fc00::/7
                if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                        || a.isMulticastAddress() || unique) {
                    throw new IllegalArgumentException(host + " is a private address (" + a.getHostAddress() + "); the city's "
                            + "IT staff allow it with PANTAU_CONNECTOR_PULL_HOSTS");
                }
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host);
        }
    }

    private void succeeded(ConnectorSpec c, Instant now, Place reached, String outcome) {
        ConnectorActivity.Figures f = activity.of(c.id());
        try {
            if (store.enabled()) {
                try (Connection conn = store.connection()) {
                    if (!PullState.advance(conn, c.id(), holder, reached, now)) {
                        Log.warnf("Connector %s: its lease passed to another instance during the poll", c.id());
                    }
                }
            } else {
                places.put(c.id(), reached);
            }
        } catch (SQLException e) {
            failed(c, "the records are stored, but not the feed's place: " + e.getMessage(), null);
            return;
        }
        if (f.error != null) {
            Log.infof("Connector %s: answering again", c.id());
        }
        f.lastSuccess = now;
        f.error = null;
        f.watermark = reached.watermark();
        failures.remove(c.id());
        activity.polled(c.id(), outcome);
        translations.heard(c, now);
        relay.relayConnector(c.id(), "heard", now, new byte[0]);
        scheduleIn(c, c.pull().every());
    }

    private void failed(ConnectorSpec c, String why, String retryAfter) {
        ConnectorActivity.Figures f = activity.of(c.id());
        int n = failures.merge(c.id(), 1, Integer::sum);
        Duration wait = c.pull().every().multipliedBy(1L << Math.min(n - 1, 10));
        Duration cap = c.pull().every().multipliedBy(10);
        wait = wait.compareTo(cap) > 0 ? cap : wait;
        Duration asked = RetryAfter.parse(retryAfter);
        if (asked != null) {
            wait = asked;
        }
        if (f.error == null || !f.error.equals(why)) {
            Log.warnf("Connector %s: %s; next attempt in %d s", c.id(), why, wait.toSeconds());
        }
        f.lastError = Instant.now();
        f.error = why;
        activity.polled(c.id(), "failed");
        scheduleIn(c, wait);
        if (f.polling && store.enabled() && store.up()) {
            try (Connection conn = store.connection()) { // the wait is this holder's: no other instance polls meanwhile
                PullState.extend(conn, c.id(), holder, wait.plus(config.lease()));
            } catch (SQLException e) {
                Log.debugf("Connector %s: lease not extended (%s)", c.id(), e.getMessage());
            }
        }
    }

    private void scheduleIn(ConnectorSpec c, Duration d) {
        long at = System.currentTimeMillis() + d.toMillis();
        next.put(c.id(), at);
        activity.of(c.id()).nextAttempt = Instant.ofEpochMilli(at);
    }

    /** The url without its query, for messages. */
    private static String safe(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    void stop(@Observes ShutdownEvent e) {
        workers.shutdownNow();
        if (!store.enabled() || !store.up()) {
            return;
        }
        try (Connection conn = store.connection()) {
            for (ConnectorSpec c : live.current().connectors()) {
                if (c.pull() != null) {
                    PullState.release(conn, c.id(), holder);
                }
            }
        } catch (SQLException ex) {
            Log.debugf("Pull feeds: leases not released (%s); they run out", ex.getMessage());
        }
    }

    private static final class MissingSecret extends Exception {
        MissingSecret(String message) {
            super(message, null, false, false);
        }
    }
}
