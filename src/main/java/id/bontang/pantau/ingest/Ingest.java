package id.bontang.pantau.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.reading.Reading;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    public Ingest(Catalog catalog, IngestConfig config, DeadLetters deadLetters, IngestMetrics metrics,
            IndicatorEngine engine) {
        this.catalog = catalog;
        this.config = config;
        this.validator = new Validator(config.maxFuture(), config.retention());
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.engine = engine;
    }

    /** A message of the live subscription. */
    public void mqtt(String topic, byte[] payload) {
        Instant now = Instant.now();
        metrics.received("mqtt");
        List<Reading> readings = readings(topic, payload, now, (source, r) -> reject(now, "mqtt", topic, source, r, payload));
        if (!readings.isEmpty()) {
            metrics.accepted(readings.size());
            engine.apply(readings);
        }
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
     * answer for its request and can correct and resend it whole.
     *
     * @throws Rejected the first problem, naming the field
     */
    public List<Reading> feed(Source feed, JsonNode body, Instant now) throws Rejected {
        if (body.isArray() && body.isEmpty()) {
            throw new Rejected(Reason.MALFORMED_PAYLOAD, null, "the array holds no records");
        }
        List<Reading> readings = new ArrayList<>();
        int i = 0;
        for (JsonNode record : body.isArray() ? body : List.of(body)) {
            String at = body.isArray() ? "[" + i + "]." : "";
            try {
                for (Sample s : PayloadDecoder.decodeNative(record)) {
                    try {
                        readings.add(validator.reading(feed, s, now));
                    } catch (Rejected r) {
                        throw new Rejected(r.reason(), "ts".equals(r.field()) ? "ts" : "values." + r.field(), r.getMessage());
                    }
                }
            } catch (Rejected r) {
                throw new Rejected(r.reason(), r.field() == null ? null : at + r.field(),
                        (body.isArray() ? "record " + i + ": " : "") + r.getMessage());
            }
            i++;
        }
        return readings;
    }

    /** Counts and keeps an HTTP refusal like an MQTT one. */
    void rejectHttp(Instant now, String path, String feed, Rejected r, byte[] body) {
        metrics.received("http");
        reject(now, "http", path, feed, r, body);
    }

    /** Hands readings accepted over HTTP to the engine. */
    void acceptHttp(List<Reading> readings) {
        metrics.received("http");
        metrics.accepted(readings.size());
        engine.apply(readings);
    }

    private void reject(Instant now, String transport, String topic, String source, Rejected r, byte[] payload) {
        metrics.rejected(r.reason());
        DeadLetter d = deadLetters.add(now, transport, topic, source, r, payload);
        Log.debugf("Rejected %s %s: %s %s", transport, topic, d.reason(), d.detail());
    }
}
