package id.bontang.pantau.ingest;

import id.bontang.pantau.broker.DurablePartition;
import id.bontang.pantau.broker.LiveInbox;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.store.StoredRejection;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The way in from MQTT: a message becomes validated readings, which go to the indicator engine (and, on the
 * durable path, to storage); everything refused is counted by reason and kept as a dead letter. A refusal costs
 * one cheap check and never affects the messages around it. HTTP bodies come in through {@link FeedIntake}.
 */
@Singleton
public class Ingest implements LiveInbox {

    private final LiveCatalog catalog;
    private final IngestConfig config;
    private final Validator validator;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final IndicatorEngine engine;
    /** With persistence on, each MQTT message arrives twice (live and durable): paired so that it counts once. */
    private final Overlap overlap;
    private final boolean pairing;
    private final DurablePartition partition;
    private final Translation translation;
    /** The largest pull feed answer taken (connector/PullFeeds), relayed to the other instances as it was kept. */
    public static final int MAX_RELAYED = 8 * 1024 * 1024;

    public Ingest(LiveCatalog catalog, IngestConfig config, DeadLetters deadLetters, IngestMetrics metrics,
            IndicatorEngine engine, Store store, MeterRegistry registry, DurablePartition partition, Translation translation) {
        this.partition = partition;
        this.translation = translation;
        this.overlap = new Overlap(config, registry);
        this.pairing = store.enabled();
        this.catalog = catalog;
        this.config = config;
        this.validator = new Validator(config.maxFuture(), config.retention());
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.engine = engine;
    }

    /**
     * A message of the live subscription: to the tiles, unless its durable copy got there first.
     *
     * @param retained the message's retain flag: a retained message the broker sent because of a (new) subscription
     */
    @Override
    public void mqtt(String topic, byte[] payload, boolean retained) {
        if (Topic.own(topic)) {
            return;
        }
        Instant now = Instant.now();
        metrics.received("mqtt");
        List<Reading> readings = readings(topic, payload, now, retained ? Retained.LIVE : null,
                (source, r) -> reject(now, "mqtt", topic, source, r, payload), Translation.Path.LIVE);
        if (readings.isEmpty()) {
            return;
        }
        metrics.accepted(readings.size());
        // A relay of what another instance took over HTTP has no durable copy to wait for: it is stored already.
        boolean relayed = topic.startsWith(Topic.RELAYED_PREFIX);
        if (!pairing || relayed || !Identity.needsPairing(readings)
                || !partition.stores(Topic.contract(topic) ? readings.get(0).source() : translation.owner(topic))
                || overlap.arrived(Identity.message(topic, payload), Overlap.Path.LIVE, now.toEpochMilli()) == null) {
            engine.apply(readings);
        }
    }

    /**
     * A message of the durable subscription: its readings to store. They go to the tiles too when the live copy
     * did not get there first (a message published while Pantau was down reaches it only this way); when it
     * did, records without {@code ts} take the live copy's receive time, so that the database says what the
     * wall showed.
     *
     * @param identity the message's {@link Identity#message}, which the durable session has computed already
     * @param retained the message's retain flag (see {@link #mqtt})
     */
    List<Reading> durable(String topic, byte[] payload, long identity, Instant now, boolean retained, Rejections rejections) {
        if (Topic.own(topic)) {
            return List.of(); // acknowledged, and nothing to store
        }
        List<Reading> readings = readings(topic, payload, now, retained ? Retained.DURABLE : null, rejections,
                Translation.Path.DURABLE);
        if (readings.isEmpty()) {
            return readings;
        }
        Long first = Identity.needsPairing(readings)
                ? overlap.arrived(identity, Overlap.Path.DURABLE, now.toEpochMilli()) : null;
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

    /** The path a retained message came on, for the count of what it held without its own time. */
    enum Retained {
        LIVE, DURABLE
    }

    /**
     * Decodes and validates one MQTT message. Problems of the whole message (topic, size, JSON, device,
     * timestamp) refuse it; problems of one value (metric, number, unit, range) refuse that value only, so
     * that one bad sensor channel does not cost the others.
     *
     * <p>A retained message that the broker sends because of a subscription (every reconnection of the live
     * subscription, every start of a durable session) is the last one published, possibly hours old. Its records
     * with their own time ({@code ts}, SenML's absolute {@code t}) are that old reading again, which identity makes
     * harmless; those without one would take the receive time and pass for a new reading. They are skipped and
     * counted ({@code pantau_ingest_retained_skipped_total}), not refused: the sender did nothing wrong.
     *
     * @param retained the path of a message that came with the retain flag, or null
     */
    List<Reading> readings(String topic, byte[] payload, Instant now, Retained retained, Rejections rejections,
            Translation.Path path) {
        if (!Topic.contract(topic)) {
            return translated(topic, payload, now, retained, rejections, path);
        }
        String source = null;
        try {
            Topic t = Topic.parse(topic);
            source = t.id();
            if (payload.length > config.maxPayloadSize()) {
                throw new Rejected(Reason.PAYLOAD_TOO_LARGE, null, "payload of " + payload.length + " bytes is over the limit of "
                        + config.maxPayloadSize() + " bytes (pantau.ingest.max-payload-size)");
            }
            Source s = Validator.source(catalog.current(), t.id(), t.kind() == Topic.Kind.FEED);
            if (t.kind() == Topic.Kind.STATUS) {
                return status(s, payload, now);
            }
            List<Reading> readings = new ArrayList<>();
            validated(s, PayloadDecoder.decode(payload, now), now, retained, rejections, null, readings);
            return readings;
        } catch (Rejected r) {
            rejections.reject(source, r);
            return List.of();
        }
    }

    /** The samples of one source, validated into {@code readings}; a refused value is one rejection. */
    private void validated(Source s, List<Sample> samples, Instant now, Retained retained, Rejections rejections,
            String connector, List<Reading> readings) throws Rejected {
        if (retained != null) {
            List<Sample> timed = samples.stream().filter(Sample::ownTime).toList();
            metrics.retainedSkipped(retained, samples.size() - timed.size());
            samples = timed;
        }
        if (samples.isEmpty()) {
            return;
        }
        Instant shared = samples.get(0).time();
        if (samples.stream().allMatch(x -> x.time() == shared)) {
            validator.time(shared, now); // one timestamp for the whole message: one refusal, not one per value
        }
        for (Sample sample : samples) {
            try {
                readings.add(validator.reading(s, sample, now));
            } catch (Rejected r) {
                rejections.reject(s.id(), connector == null ? r : Translation.named(connector, r));
            }
        }
    }

    /** A message on a connector's topic (docs/catalog.md, "Connectors"), or on no topic Pantau reads. */
    private List<Reading> translated(String topic, byte[] payload, Instant now, Retained retained, Rejections rejections,
            Translation.Path path) {
        try {
            // A relay (only Pantau may publish it) carries a pull feed's answer, which may be larger than a message
            int limit = topic.startsWith(Topic.RELAYED_PREFIX) ? MAX_RELAYED : config.maxPayloadSize();
            if (payload.length > limit) {
                throw new Rejected(Reason.PAYLOAD_TOO_LARGE, null, "payload of " + payload.length + " bytes is over the limit of "
                        + limit + " bytes (pantau.ingest.max-payload-size)");
            }
            Translation.Translated t = translation.translate(topic, payload, now, path);
            if (t == null) {
                Topic.parse(topic); // throws: no connector reads it either
            }
            return readings(t, now, retained, rejections);
        } catch (Rejected r) {
            rejections.reject(null, r);
            return List.of();
        }
    }

    /** What a connector made of a message (or of a webhook's body, a pull feed's answer), validated. */
    List<Reading> readings(Translation.Translated t, Instant received, Retained retained, Rejections rejections) {
        Instant now = t.received() == null ? received : t.received();
        t.refused().forEach(r -> rejections.reject(r.source(), r.rejected()));
        List<Reading> readings = new ArrayList<>();
        for (var e : t.samples().entrySet()) {
            Source s = catalog.current().sources().get(e.getKey());
            try {
                if (s == null) {
                    throw new Rejected(Reason.UNKNOWN_DEVICE, null, "'" + e.getKey() + "' left the catalog");
                }
                validated(s, e.getValue(), now, retained, rejections, t.connector(), readings);
            } catch (Rejected r) {
                rejections.reject(e.getKey(), Translation.named(t.connector(), r));
            }
        }
        return readings;
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

    /** A refusal of the durable path, for the dead_letter table. */
    StoredRejection stored(Instant now, String topic, String source, Rejected r, byte[] payload) {
        return new StoredRejection(now, "mqtt", topic, source, r.reason().code(), r.field(), r.getMessage(),
                DeadLetters.excerpt(payload));
    }

    void reject(Instant now, String transport, String topic, String source, Rejected r, byte[] payload) {
        metrics.rejected(r.reason());
        DeadLetter d = deadLetters.add(now, transport, topic, source, r, payload);
        Log.debugf("Rejected %s %s: %s %s", transport, topic, d.reason(), d.detail());
    }
}
