package id.bontang.pantau.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Storage in TimescaleDB (or plain PostgreSQL). Persistence is on when QUARKUS_DATASOURCE_JDBC_URL is set. */
@ConfigMapping(prefix = "pantau.store")
public interface StoreConfig {

    enum Mode {
        /**
         * TimescaleDB when the server has it (pg_available_extensions), plain PostgreSQL when it has not. A server that
         * has it but cannot use it (installed, not in shared_preload_libraries) refuses the start with the fix.
         */
        AUTO,
        /** TimescaleDB, or the start is refused. */
        TIMESCALEDB,
        /** Plain PostgreSQL, chosen: the aggregates are views (docs/database.md); a plain database stays plain. */
        PLAIN,
        /** The earlier name of {@link #PLAIN}. */
        POSTGRESQL
    }

    /**
     * Which schema to build on a new database ({@code PANTAU_STORE_MODE}: auto, timescaledb or plain); an existing
     * one keeps the mode it was built in.
     */
    @WithDefault("auto")
    Mode mode();

    /** At most this many rows are written in one transaction. */
    @WithDefault("5000")
    int batchSize();

    /** How long the writer may wait to fill a batch while readings keep coming (it writes after 1 ms of quiet). */
    @WithDefault("20ms")
    Duration batchDelay();

    /**
     * Durable messages taken and not yet committed, at most. Past it the durable sessions stop reading from the
     * broker until batches commit (the broker keeps the rest): memory does not grow with a backlog.
     */
    @WithDefault("20000")
    int maxPending();

    /** How long an HTTP feed request waits for its rows to be committed before answering 503. */
    @WithDefault("10s")
    Duration feedTimeout();

    /** Refused messages stored per batch at most (a flood of bad input must not crowd out the good). */
    @WithDefault("500")
    int deadLettersPerBatch();

    /** Raw chunks older than this are compressed (TimescaleDB). */
    @WithDefault("P7D")
    Duration compressAfter();

    /**
     * When set, the read-only role {@code pantau_analyst} may log in with this password (Grafana's data source
     * uses it). Setting it needs a database user allowed to alter roles.
     */
    Optional<String> analystPassword();

    Retention retention();

    interface Retention {
        /** Raw readings. */
        @WithDefault("P90D")
        Duration raw();

        /** reading_1m. */
        @WithDefault("P90D")
        Duration minutely();

        /** reading_1h. */
        @WithDefault("P1825D")
        Duration hourly();

        /** reading_1d; unset keeps daily aggregates for ever. */
        Optional<Duration> daily();

        /** dead_letter rows. */
        @WithDefault("P30D")
        Duration deadLetters();
    }
}
