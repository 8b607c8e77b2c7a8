package id.bontang.pantau.edit;

import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.CatalogException;
import id.bontang.pantau.catalog.CatalogVersion;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.store.Store;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The catalog's versions in the database ({@code catalog_version}): numbered from 1, each the whole catalog as it
 * was sent, with who, when and what changed. An empty table is seeded with the catalog Pantau started with (the
 * file, or the built-in Bontang catalog) as soon as the schema is ready. A new version is the next number after the
 * one its author read, so that of two stewards editing at once the second is told the first came before.
 */
@Startup
@Singleton
public class CatalogVersions {

    /** One version in the list: its text is fetched by number. */
    public record Entry(int version, Instant createdAt, String createdBy, String summary) {
    }

    /** The version {@code expected} was read is no longer the newest. */
    public static final class Stale extends Exception {
        Stale() {
            super(null, null, false, false);
        }
    }

    public static final String VERSION = "pantau.catalog.version";

    private final Store store;
    /** The catalog this instance runs, and its version (the file's text until it is found or seeded in the database). */
    private final LiveCatalog live;
    private final CatalogCheck check;
    private final CatalogProducer.Mode mode;
    private final Optional<String> file;
    /** The newest version recorded, as last seen (every {@code pantau.catalog-poll}). */
    private volatile int newest;
    /** A file's text that was refused, so that its problems are said once, not at every poll. */
    private String refused;
    /** The same for a version of the database. */
    private int refusedVersion;

    public CatalogVersions(Store store, LiveCatalog live, CatalogCheck check,
            @ConfigProperty(name = "pantau.catalog-mode", defaultValue = "database") CatalogProducer.Mode mode,
            @ConfigProperty(name = "pantau.catalog") Optional<String> file, MeterRegistry registry) {
        this.store = store;
        this.live = live;
        this.check = check;
        this.mode = mode;
        this.file = file;
        this.newest = live.version().number();
        Gauge.builder(VERSION, this, v -> v.live.version().number()).tag("state", "running")
                .description("The catalog version this instance runs (0: a file)").register(registry);
        Gauge.builder(VERSION, this, v -> v.newest).tag("state", "newest")
                .description("The newest catalog version recorded, as this instance last saw it").register(registry);
    }

    /**
     * Follows the catalog without a restart: every {@code pantau.catalog-poll} (1 s) one indexed query for the newest
     * version, and a newer one is applied; in file mode, the file is read again and applied when its text changed.
     * A poll rather than LISTEN/NOTIFY: it needs no session of its own, which a database restart or a
     * transaction-pooling proxy would drop without a word (and a notification sent meanwhile would be lost), and at
     * one small query a second it costs nothing (docs/catalog.md).
     */
    @Scheduled(every = "${pantau.catalog-poll:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (editable()) {
            if (store.up()) {
                catchUp();
            }
        } else if (file.isPresent()) { // file mode, or no database: the file is the catalog
            reread(file.get());
        }
    }

    /** Applies the newest recorded version when it is newer than the running one (also right after this one records). */
    synchronized void catchUp() {
        try {
            newest = newestNumber(); // the number only: the text is read when there is a newer one
            CatalogVersion running = live.version();
            if (newest <= running.number() || newest == refusedVersion) { // a refused one was said once
                return;
            }
            Optional<CatalogVersion> stored = get(newest);
            if (stored.isEmpty()) {
                return;
            }
            CatalogVersion next = new CatalogVersion(stored.get().number(), running.origin(), stored.get().text());
            if (next.text().equals(running.text())) {
                live.identified(next); // started from the file that was recorded meanwhile
                return;
            }
            try {
                live.apply(check.sent(running.origin(), next.text()), next);
                Log.infof("Catalog: version %d applied (was %d)", next.number(), running.number());
            } catch (CatalogException e) {
                refusedVersion = next.number();
                Log.errorf("Catalog: version %d is not applied (this instance goes on with %d): %s", next.number(),
                        running.number(), String.join("; ", e.problems()));
            }
        } catch (SQLException e) {
            Log.debugf("Catalog: the newest version could not be read (%s)", e.getMessage());
        }
    }

    /** File mode: the file changed (a git pull, an edit): its new text is checked and applied, or refused in the log. */
    private synchronized void reread(String path) {
        String text;
        try {
            text = java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            return; // being replaced, or gone: the running catalog stays
        }
        if (text.equals(live.version().text()) || text.equals(refused)) {
            return;
        }
        try {
            live.apply(check.sent(path, text), new CatalogVersion(0, path, text));
            refused = null;
            Log.infof("Catalog: %s changed and is applied", path);
        } catch (CatalogException e) {
            refused = text;
            Log.errorf("Catalog: %s changed but is not applied (the running catalog stays): %s", path,
                    String.join("; ", e.problems()));
        }
    }

    @PostConstruct
    void seed() {
        if (editable()) {
            store.whenReady(this::seedIfEmpty);
        }
    }

    /** Whether the catalog is kept here: a database, and not the file mode. */
    public boolean editable() {
        return store.enabled() && mode == CatalogProducer.Mode.DATABASE;
    }

    /**
     * Whether the catalog running here may remove what is not in it (broker logins): the file in file mode or without
     * a database; else the newest version recorded, not a seed file started from while the database was away nor a
     * version behind one this instance could not apply.
     */
    public boolean authoritative() {
        return !editable() || (live.version().stored() && live.version().number() >= newest);
    }

    /** The version this instance runs. */
    public CatalogVersion running() {
        return live.version();
    }

    private void seedIfEmpty() {
        CatalogVersion running = live.version();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO catalog_version (version, body, origin, created_by, summary) SELECT 1, ?, ?, 'pantau', ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM catalog_version) ON CONFLICT DO NOTHING")) {
            p.setString(1, running.text());
            p.setString(2, running.origin());
            p.setString(3, "seeded from " + running.origin());
            if (p.executeUpdate() == 1) {
                Log.infof("Catalog: the database holds no catalog yet: version 1 is %s", running.origin());
            }
            if (!running.stored()) {
                identify(c, running);
            }
            if (!live.version().stored()) {
                Log.warnf("Catalog: this instance runs %s, which is none of the database's versions (the database could not "
                        + "be read at its start): it changes to the database's newest version now", running.origin());
            }
        } catch (SQLException e) {
            Log.warnf("Catalog: could not seed the database's first version (%s); it is tried again at the next start",
                    e.getMessage());
        }
    }

    /**
     * Started from the file (the table did not exist yet, or the database was away): the number of the newest version
     * with the same text, if any, is the one this instance runs (it seeded it, or another instance did).
     */
    private void identify(Connection c, CatalogVersion running) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT version FROM catalog_version WHERE body = ? ORDER BY version DESC LIMIT 1")) {
            p.setString(1, running.text());
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    live.identified(new CatalogVersion(r.getInt(1), running.origin(), running.text()));
                    newest = Math.max(newest, r.getInt(1));
                }
            }
        }
    }

    private int newestNumber() throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT coalesce(max(version), 0) FROM catalog_version"); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    public Optional<CatalogVersion> newest() throws SQLException {
        return one("SELECT version, origin, body FROM catalog_version ORDER BY version DESC LIMIT 1", null);
    }

    public Optional<CatalogVersion> get(int version) throws SQLException {
        return one("SELECT version, origin, body FROM catalog_version WHERE version = ?", version);
    }

    /** The newest first. */
    public List<Entry> list(int limit) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT version, created_at, created_by, summary FROM catalog_version ORDER BY version DESC LIMIT ?")) {
            p.setInt(1, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    entries.add(new Entry(r.getInt(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4)));
                }
            }
        }
        return entries;
    }

    /**
     * Records {@code text} as the version after {@code after}.
     *
     * @return the new version's number
     * @throws Stale when another version came after {@code after} meanwhile
     */
    public int append(int after, String origin, String text, String by, String summary) throws SQLException, Stale {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO catalog_version (version, body, origin, created_by, summary) SELECT ?, ?, ?, ?, ? "
                        + "WHERE (SELECT coalesce(max(version), 0) FROM catalog_version) = ? ON CONFLICT DO NOTHING")) {
            p.setInt(1, after + 1);
            p.setString(2, text);
            p.setString(3, origin);
            p.setString(4, by);
            p.setString(5, summary);
            p.setInt(6, after);
            if (p.executeUpdate() != 1) {
                throw new Stale();
            }
            return after + 1;
        }
    }

    private Optional<CatalogVersion> one(String sql, Integer version) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (version != null) {
                p.setInt(1, version);
            }
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new CatalogVersion(r.getInt(1), r.getString(2), r.getString(3)))
                        : Optional.empty();
            }
        }
    }
}
