package id.bontang.pantau.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.BatchWriter;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.store.StoreConfig;
import id.bontang.pantau.store.StoredRejection;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way in: a message (MQTT) or a request body (HTTP) becomes validated readings, which go to the
 * indicator engine; everything refused is counted by reason and kept as a dead letter. A refusal costs
 * one cheap check and never affects the messages around it.
 */
@Singleton
public class Ingest {

    private final Catalog catalog;
    private final IngestConfig config;
    private final Validator validator;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final IndicatorEngine engine;
    private final Store store;
    private final BatchWriter writer;
    private final java.time.Duration feedTimeout;
    /** With persistence on, each MQTT message arrives twice (live and durable): paired so that it counts once. */
    private final Overlap overlap;
    private final boolean pairing;
    private final MeterRegistry registry;

    private final DurablePartition partition;
    private final FeedRelay relay;

    public Ingest(Catalog catalog, IngestConfig config, DeadLetters deadLetters, IngestMetrics metrics,
            IndicatorEngine engine, Store store, BatchWriter writer, StoreConfig storeConfig, MeterRegistry registry,
            DurablePartition partition, FeedRelay relay) {
        this.partition = partition;
        this.relay = relay;
        this.registry = registry;
        this.overlap = new Overlap(config, registry);
        this.pairing = store.enabled();
        this.store = store;
        this.writer = writer;
        this.catalog = catalog;
        this.config = config;
        this.validator = new Validator(config.maxFuture(), config.retention());
        this.feedTimeout = storeConfig.feedTimeout();
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.engine = engine;
    }

    @PreDestroy
    void unregister() {
        overlap.unregister(registry);
    }

    /** A message of the live subscription: to the tiles, unless its durable copy got there first. */
    public void mqtt(String topic, byte[] payload) {
        Instant now = Instant.now();
        metrics.received("mqtt");
        List<Reading> readings = readings(topic, payload, now, (source, r) -> reject(now, "mqtt", topic, source, r, payload));
        if (readings.isEmpty()) {
            return;
        }
        metrics.accepted(readings.size());
        if (!pairing || !Overlap.needed(readings) || !partition.stores(readings.get(0).source())
                || overlap.arrived(Overlap.identity(topic, payload), Overlap.Path.LIVE, now.toEpochMilli()) == null) {
            engine.apply(readings);
        }
    }

    /**
     * A message of the durable subscription: its readings to store. They go to the tiles too when the live copy
     * did not get there first (a message published while Pantau was down reaches it only this way); when it
     * did, records without {@code ts} take the live copy's receive time, so that the database says what the
     * wall showed.
     */
    List<Reading> durable(String topic, byte[] payload, Instant now, Rejections rejections) {
        List<Reading> readings = readings(topic, payload, now, rejections);
        if (readings.isEmpty()) {
            return readings;
        }
        Long first = Overlap.needed(readings)
                ? overlap.arrived(Overlap.identity(topic, payload), Overlap.Path.DURABLE, now.toEpochMilli()) : null;
        if (first == null) {
            List<Reading> telemetry = readings.stream().filter(r -> !Reading.ONLINE.equals(r.metric())).toList();
            if (!telemetry.isEmpty()) {
                // Not statuses: they carry their arrival time, so a backlog would replay old states as new.
                engine.apply(telemetry);
            }
            return readings;
        }
        Instant live = Instant.ofEpochMilli(first);
        return readings.stream().map(r -> r.stamped() ? r.withTime(live) : r).toList();
    }

    /** Receives what a message refuses: the whole message, or one of its values. */
    @FunctionalInterface
    public interface Rejections {
        void reject(String source, Rejected r);
    }

    /**
     * Decodes and validates one MQTT message. Problems of the whole message (topic, size, JSON, device,
     * timestamp) refuse it; problems of one value (metric, number, unit, range) refuse that value only, so
     * that one bad sensor channel does not cost the others.
     */
    public List<Reading> readings(String topic, byte[] payload, Instant now, Rejections rejections) {
        String source = null;
        try {
            Topic t = Topic.parse(topic);
            source = t.id();
            if (payload.length > config.maxPayloadSize()) {
                throw new Rejected(Reason.PAYLOAD_TOO_LARGE, null, "payload of " + payload.length + " bytes is over the limit of "
                        + config.maxPayloadSize() + " bytes (pantau.ingest.max-payload-size)");
            }
            Source s = Validator.source(catalog, t.id(), t.kind() == Topic.Kind.FEED);
            if (t.kind() == Topic.Kind.STATUS) {
                return status(s, payload, now);
            }
            List<Sample> samples = PayloadDecoder.decode(payload, now);
            Instant shared = samples.get(0).time();
            if (samples.stream().allMatch(x -> x.time() == shared)) {
                validator.time(shared, now); // one timestamp for the whole message: one refusal, not one per value
            }
            List<Reading> readings = new ArrayList<>(samples.size());
            for (Sample sample : samples) {
                try {
                    readings.add(validator.reading(s, sample, now));
                } catch (Rejected r) {
                    rejections.reject(source, r);
                }
            }
            return readings;
        } catch (Rejected r) {
            rejections.reject(source, r);
            return List.of();
        }
    }

    private static List<Reading> status(Source s, byte[] payload, Instant now) throws Rejected {
        if (payload.length == 0) {
            return List.of(); // a retained status being cleared
        }
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        double online = switch (text) {
            case "online" -> 1;
            case "offline" -> 0;
            default -> throw new Rejected(Reason.INVALID_STATUS, "status", "a status is 'online' or 'offline', not '"
                    + PayloadDecoder.abbreviate(text) + "'");
        };
        return List.of(new Reading(s.id(), Reading.ONLINE, now, online, "bool"));
    }

    /**
     * Decodes and validates an HTTP body for one feed, all or nothing: the agency application gets one
     * answer for its request and can correct and resend it whole. A record of increments without an
     * {@code id} gets one, so that it stays one event wherever it is relayed.
     *
     * @return the readings of each record
     * @throws Rejected the first problem, naming the field
     */
    public List<List<Reading>> feed(Source feed, JsonNode body, Instant now) throws Rejected {
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
                        if (r.increment() && r.event() == null) {
                            given = given == null ? PayloadDecoder.GENERATED + UUID.randomUUID() : given;
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

    /** Counts and keeps an HTTP refusal like an MQTT one. */
    void rejectHttp(Instant now, String path, String feed, Rejected r, byte[] body) {
        metrics.received("http");
        reject(now, "http", path, feed, r, body);
    }

    /** The database cannot take readings now; the client should try again later. */
    static final class Unavailable extends Exception {
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
        if (!store.enabled()) {
            List<Reading> taken = engine.applyNew(readings);
            metrics.accepted(taken.size());
            relay.relay(feed, taken);
            return taken;
        }
        if (!store.up()) {
            throw new Unavailable("the database is unreachable" + (store.downSince() == null ? ""
                    : " since " + store.downSince()) + "; nothing was stored, send the same records again later");
        }
        CompletableFuture<List<Reading>> counted = writer.submit(readings, List.of()).thenApply(taken -> {
            metrics.accepted(taken.size());
            engine.apply(taken);
            relay.relay(feed, taken);
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

    /** A refusal of the durable path, for the dead_letter table. */
    StoredRejection stored(Instant now, String topic, String source, Rejected r, byte[] payload) {
        return new StoredRejection(now, "mqtt", topic, source, r.reason().code(), r.field(), r.getMessage(),
                DeadLetters.excerpt(payload));
    }

    private void reject(Instant now, String transport, String topic, String source, Rejected r, byte[] payload) {
        metrics.rejected(r.reason());
        DeadLetter d = deadLetters.add(now, transport, topic, source, r, payload);
        Log.debugf("Rejected %s %s: %s %s", transport, topic, d.reason(), d.detail());
    }
}
