package id.bontang.pantau.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits on what Pantau accepts. */
@ConfigMapping(prefix = "pantau.ingest")
public interface IngestConfig {

    /** A payload larger than this many bytes is rejected (payload-too-large) without being parsed. */
    @WithDefault("65536")
    int maxPayloadSize();

    /** How far ahead of the server's clock a timestamp may be (device clocks drift). */
    @WithDefault("PT5M")
    Duration maxFuture();

    /** How old a reading may be: older ones would fall outside the raw-data retention anyway. */
    @WithDefault("P90D")
    Duration retention();

    /** How many rejected messages {@code GET /api/v1/dead-letters} keeps (the newest). */
    @WithDefault("1000")
    int deadLetters();

    /**
     * How long the first copy of an MQTT message (live or durable subscription) waits for the other one, so that
     * the tiles count it once: the longest the durable path may fall behind (a database outage) without an
     * event without id counting twice.
     */
    @WithDefault("PT1H")
    Duration overlapHorizon();

    /** At most this many messages wait for their other copy (about 25 bytes each); past it the oldest are forgotten. */
    @WithDefault("500000")
    int overlapCapacity();
}
