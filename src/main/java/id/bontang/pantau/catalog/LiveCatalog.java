package id.bontang.pantau.catalog;

import io.quarkus.logging.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The catalog this instance runs now, and whoever must follow it when it changes without a restart (ingest's
 * validation reads {@link #current()} per message; the store's catalog tables, the engine's tiles, the alarms' rules,
 * the walls and the durable subscription's topics listen). A change is applied to the listeners in the order they
 * listened, one change at a time, before the next is taken.
 */
public final class LiveCatalog {

    /** Told of each change, after {@link #current()} is the new catalog. */
    public interface Listener {
        void changed(Catalog before, Catalog after, CatalogVersion version);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Catalog current;
    private volatile CatalogVersion version;
    /** Changes applied since start (what tells a file's versions apart). */
    private volatile int applied;

    public LiveCatalog(Catalog catalog, CatalogVersion version) {
        this.current = catalog;
        this.version = version;
    }

    /** A catalog that never changes (tests, tools). */
    public static LiveCatalog of(Catalog catalog) {
        return new LiveCatalog(catalog, new CatalogVersion(0, catalog.origin(), ""));
    }

    public Catalog current() {
        return current;
    }

    /** The text and number of the running catalog. */
    public CatalogVersion version() {
        return version;
    }

    /** What the walls are told: the version's number, or in file mode the count of changes applied since start. */
    public int number() {
        return version.stored() ? version.number() : applied;
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Runs {@code next}, checked already ({@link CatalogLoader}, with the running areas' boundaries). A listener that
     * fails is said in the log and costs no other listener: the catalog is the new one either way.
     */
    public synchronized void apply(Catalog next, CatalogVersion nextVersion) {
        Catalog before = current;
        current = next;
        version = nextVersion;
        applied++;
        for (Listener l : listeners) {
            try {
                l.changed(before, next, nextVersion);
            } catch (RuntimeException e) {
                Log.errorf(e, "Catalog: applying version %d failed in %s", nextVersion.number(), l.getClass().getSimpleName());
            }
        }
    }

    /** Says the number of the version the running text is (found in the database after a start from the file). */
    public synchronized void identified(CatalogVersion stored) {
        if (stored.text().equals(version.text())) {
            version = stored;
        }
    }
}
