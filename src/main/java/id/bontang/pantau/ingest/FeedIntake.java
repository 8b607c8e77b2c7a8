package id.bontang.pantau.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.BatchWriter;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.store.StoreConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an agency posts over HTTP ({@link FeedResource}): decoded and validated all or nothing, stored, then
 * counted and relayed to the other instances once committed. Refusals are counted and kept like MQTT ones.
 */
@Singleton
public class FeedIntake {

    private final Ingest ingest;
    private final Validator validator;
    private final IngestMetrics metrics;
    private final IndicatorEngine engine;
    private final Store store;
    private final BatchWriter writer;
    private final FeedRelay relay;
    private final Duration feedTimeout;

    public FeedIntake(Ingest ingest, IngestConfig config, IngestMetrics metrics, IndicatorEngine engine, Store store,
            BatchWriter writer, FeedRelay relay, StoreConfig storeConfig) {
        this.ingest = ingest;
        this.validator = new Validator(config.maxFuture(), config.retention());
        this.metrics = metrics;
        this.engine = engine;
        this.store = store;
        this.writer = writer;
        this.relay = relay;
        this.feedTimeout = storeConfig.feedTimeout();
    }

    /**
     * Decodes and validates an HTTP body for one feed, all or nothing: the agency application gets one
     * answer for its request and can correct and resend it whole. A record of increments without an
     * {@code id} gets one, so that it stays one event wherever it is relayed.
     *
     * @return the readings of each record
     * @throws Rejected the first problem, naming the field
     */
    List<List<Reading>> feed(Source feed, JsonNode body, Instant now) throws Rejected {
        if (body.isArray() && body.isEmpty()) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, null, "the array holds no records");
        }
        List<List<Reading>> records = new ArrayList<>();
        int i = 0;
        for (JsonNode record : body.isArray() ? body : List.of(body)) {
            String at = body.isArray() ? "[" + i + "]." : "";
            List<Reading> readings = new ArrayList<>();
            try {
                String given = null;
                for (Sample s : PayloadDecoder.decodeNative(record)) {
                    try {
                        Reading r = validator.reading(feed, s, now);
                        if (Identity.repeat(r) == Identity.Repeat.NEVER) {
                            given = given == null ? Identity.generatedForHttp() : given;
                            r = r.withEvent(given);
                        }
                        readings.add(r);
                    } catch (Rejected r) {
                        throw new Rejected(r.reason(), "ts".equals(r.field()) || "id".equals(r.field()) ? r.field()
                                : "values." + r.field(), r.getMessage());
                    }
                }
            } catch (Rejected r) {
                throw new Rejected(r.reason(), r.field() == null ? null : at + r.field(),
                        (body.isArray() ? "record " + i + ": " : "") + r.getMessage());
            }
            records.add(readings);
            i++;
        }
        return records;
    }

    /** A connector's HTTP message refused whole (not JSON, no device of the catalog): counted and kept. */
    public void refuseConnector(Instant now, String path, String source, Rejected r, byte[] body) {
        rejectHttp(now, path, source, r, body);
    }

    /** Counts and keeps an HTTP refusal like an MQTT one. */
    void rejectHttp(Instant now, String path, String feed, Rejected r, byte[] body) {
        metrics.received("http");
        ingest.reject(now, "http", path, feed, r, body);
    }

    /**
     * A request refused before its feed key was checked (unknown feed, no key, a wrong key): counted by reason, but
     * kept out of the dead letters, which anyone could otherwise fill and so push real refusals out.
     */
    void refuseUnauthenticated(Rejected r) {
        metrics.received("http");
        metrics.rejected(r.reason());
    }

    /** The database cannot take readings now; the client should try again later. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Stores readings accepted over HTTP (when persistence is on), then hands those taken to the tiles and relays
     * them to the other instances. Both happen once they are committed, even when that is after the answer: a
     * request that timed out is still counted when its batch commits.
     *
     * @return those taken: not the readings of a record whose {@code id} was seen before (by the database,
     *         or, without one, by the tiles)
     * @throws Unavailable when the database is down or does not commit within pantau.store.feed-timeout
     */
    List<Reading> acceptHttp(String feed, List<Reading> readings) throws Unavailable {
        metrics.received("http");
        return stored(readings, taken -> relay.relay(feed, taken));
    }

    /**
     * What a connector took over HTTP (a webhook's uplink, a pull feed's answer): validated value by value, the
     * refusals kept as dead letters of {@code path}, the rest stored, counted, and relayed as it came to the other
     * instances (which translate it the same way, with this receive time).
     *
     * @return the readings taken (not those seen before)
     * @throws Unavailable when the database is down or does not commit in time: nothing is taken, ask again
     */
    public List<Reading> acceptConnector(Translation.Translated t, String path, Instant now, byte[] body) throws Unavailable {
        metrics.received("http");
        List<Reading> readings = ingest.readings(t, now, null, (source, r) -> ingest.reject(now, "http", path, source, r, body));
        if (readings.isEmpty()) {
            return readings;
        }
        return stored(readings, taken -> relay.relayConnector(t.connector(), "in", now, body));
    }

    private List<Reading> stored(List<Reading> readings, java.util.function.Consumer<List<Reading>> relayed)
            throws Unavailable {
        if (!store.enabled()) {
            List<Reading> taken = engine.applyNew(readings);
            metrics.accepted(taken.size());
            relayed.accept(taken);
            return taken;
        }
        if (!store.up()) {
            throw new Unavailable("the database is unreachable" + (store.downSince() == null ? ""
                    : " since " + store.downSince()) + "; nothing was stored, send the same records again later");
        }
        CompletableFuture<List<Reading>> counted = writer.submit(readings, List.of()).thenApply(taken -> {
            metrics.accepted(taken.size());
            engine.apply(taken);
            relayed.accept(taken);
            return taken;
        });
        try {
            return counted.get(feedTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new Unavailable("the records were not stored within " + feedTimeout.toSeconds() + " s; they wait in "
                    + "Pantau and count once stored: sending them again is safe for records with an \"id\" (a record "
                    + "without one would count twice)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }
}
