package id.bontang.pantau.store;

import id.bontang.pantau.api.Backoff;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.LiveCatalog;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The database, when there is one. Persistence is on when {@code QUARKUS_DATASOURCE_JDBC_URL} is set; then
 * the schema is prepared at start-up, or, when the database cannot be reached yet, as soon as it can. It
 * keeps the database's state (up, or down since when and why) for the writer, the health check and the
 * feed endpoint.
 */
@Singleton
public class Store {

    private final Optional<DataSource> dataSource;
    private final StoreConfig config;
    private final LiveCatalog catalog;
    /** Held while the catalog tables are written: one catalog at a time, the newest last. */
    private final Object tablesWritten = new Object();
    private final List<Runnable> whenReady = new CopyOnWriteArrayList<>();
    private volatile Mode mode;
    private volatile boolean ready;
    private volatile Instant downSince;
    private volatile String problem;
    private volatile boolean stopping;

    @Inject
    public Store(InjectableInstance<AgroalDataSource> dataSource, StoreConfig config, LiveCatalog catalog) {
        this(dataSource.listActive().stream().<DataSource>map(d -> d).findFirst(), config, catalog);
    }

    /** A store on {@code dataSource}, or none (persistence off) when it is empty. */
    public Store(Optional<DataSource> dataSource, StoreConfig config, LiveCatalog catalog) {
        this.dataSource = dataSource;
        this.config = config;
        this.catalog = catalog;
        catalog.listen((before, after, version) -> writeTables(after));
    }

    /** A new catalog's rows for Grafana and the analysts (an upsert: every instance may write the same). */
    private void writeTables(Catalog after) {
        if (!ready) {
            return; // written with the schema, from the catalog current then
        }
        // Off the catalog's thread (the other listeners do not wait for the database), again while it is away.
        Uni<Boolean> attempt = Uni.createFrom().item(() -> {
            synchronized (tablesWritten) {
                if (catalog.current() != after) {
                    return true; // a newer catalog came: its own call writes it
                }
                try (Connection c = connection()) {
                    CatalogTables.write(c, after);
                    return true;
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        Backoff.retried(attempt, e -> !stopping).subscribe().with(ok -> { }, e -> Log.warnf(
                "Store: the catalog tables could not be written (%s); they are written at the next start", e.getMessage()));
    }

    @PostConstruct
    void start() {
        if (dataSource.isEmpty()) {
            mode = Mode.OFF;
            Log.warn("PERSISTENCE OFF: no database configured (QUARKUS_DATASOURCE_JDBC_URL). The wall runs live only; "
                    + "readings are not stored and the wall starts empty after a restart.");
            return;
        }
        if (!prepare()) {
            prepareUntilReady();
        }
    }

    void stop(@Observes ShutdownEvent e) {
        stopping = true;
    }

    /** Tries again, on a worker thread, with the one backoff ({@link Backoff}), until the schema is ready. */
    private void prepareUntilReady() {
        Uni<Boolean> attempt = Uni.createFrom().item(() -> {
            if (!stopping && !prepare()) {
                throw new IllegalStateException("the database is not reached yet");
            }
            return true;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        Backoff.retried(attempt, e -> !(e instanceof StoreRefused) && !stopping).subscribe().with(ready -> { }, e -> {
            if (e instanceof StoreRefused) {
                io.quarkus.runtime.Quarkus.asyncExit(1); // reached late, refused all the same: no silent plain schema
            }
        });
    }

    /** Brings the schema up to date; true when the database is ready for readings. */
    synchronized boolean prepare() {
        if (ready) {
            return true;
        }
        try {
            mode = Schema.prepare(dataSource.orElseThrow(), config, catalog.current());
            markUp();
            Log.infof("Store: %s schema ready (%s)", mode == Mode.TIMESCALEDB ? "TimescaleDB" : "plain PostgreSQL (no TimescaleDB)",
                    mode == Mode.TIMESCALEDB ? "hypertable, continuous aggregates, compression and retention policies"
                            : "reading_1m/1h/1d are ordinary views");
            // Before the writer may write: what it commits from now on reaches the tiles through it, not twice.
            whenReady.forEach(Runnable::run);
            ready = true;
            return true;
        } catch (StoreRefused e) {
            // Not a database that is away: retrying changes nothing, and going on would build what nobody chose.
            Log.errorf("Store: refused to start: %s", e.getMessage());
            throw e;
        } catch (SQLException | RuntimeException e) {
            down(e);
            return false;
        }
    }

    /** Runs {@code action} once the schema is ready: now, or when the database is first reached. */
    public synchronized void whenReady(Runnable action) {
        if (ready) {
            action.run();
        } else if (enabled()) {
            whenReady.add(action);
        }
    }

    public boolean enabled() {
        return dataSource.isPresent();
    }

    public boolean ready() {
        return ready;
    }

    /** Null until the database has been reached. */
    public Mode mode() {
        return mode;
    }

    public boolean up() {
        return enabled() && downSince == null && ready;
    }

    /** When the database became unreachable, or null. */
    public Instant downSince() {
        return downSince;
    }

    /** Why the database is down, as a short sentence without the driver's text, or null. */
    public String problem() {
        return problem;
    }

    void markUp() {
        if (downSince != null) {
            Log.infof("Store: database reachable again after %s", Duration.between(downSince, Instant.now()));
        }
        downSince = null;
        problem = null;
    }

    /**
     * The writer or the schema could not use the database: readings wait until it works again. Only the writer
     * and the schema's preparation say so; a request's failed query never does (store/DatabaseProblems).
     */
    void down(Exception e) {
        problem = Failures.describe(e); // shown to anyone by the health check: no driver text
        if (downSince == null) {
            downSince = Instant.now();
            Log.errorf("Store: database unavailable (%s); readings wait, unacknowledged, until it returns", e.getMessage());
        } else {
            Log.debugf("Store: database still unavailable (%s)", e.getMessage());
        }
    }

    /** A connection of the pool (the schema may not be ready: see {@link #whenReady}). */
    public Connection connection() throws SQLException {
        return dataSource.orElseThrow().getConnection();
    }

    StoreConfig config() {
        return config;
    }

    /** Dead letters are kept for a while, not for ever; idempotency keys as long as the readings they guard. */
    @Scheduled(every = "1h", delayed = "1m")
    void prune() {
        if (!up()) {
            return;
        }
        prune("DELETE FROM dead_letter WHERE received_at < now() - ?::interval", "dead letters", config.retention().deadLetters());
        prune("DELETE FROM event_key WHERE stored_at < now() - ?::interval", "idempotency keys", config.retention().raw());
    }

    private void prune(String sql, String what, Duration age) {
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, Policies.interval(age));
            int n = p.executeUpdate();
            if (n > 0) {
                Log.infof("Store: pruned %d %s older than %s", n, what, age);
            }
        } catch (SQLException e) {
            Log.debugf("Store: pruning of %s skipped: %s", what, e.getMessage());
        }
    }
}
