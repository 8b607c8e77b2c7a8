package id.bontang.pantau.indicator;

import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.StoredReadings;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The past of the tiles a catalog change built, read from the database in the background and handed to the engine
 * ({@link IndicatorEngine#replay}), which counts in them only what they have not counted live meanwhile ({@link Warming}).
 * Tried again every 5 s for a minute while the database cannot be read; then (or after a failure midway) they fill
 * from live readings only. A
 * minute after their past is read they stop remembering: the durable path's late copies have had their time.
 */
final class RebuiltTiles {

    private static final long SETTLE_MILLIS = 5_000;
    private static final long RETRY_MILLIS = 5_000;
    private static final int ATTEMPTS = 12;
    private static final long GRACE_MILLIS = 60_000;
    private static final int BATCH = 10_000;

    private final IndicatorEngine engine;
    private final StoredReadings stored;
    private final TileThread thread;
    private final List<Indicator> fresh;
    private final Set<Indicator> freshSet;
    private final Indicators.Needs needs;
    private final List<Reading.Key> addedSeries;
    private final long since;
    private int attempt;

    RebuiltTiles(IndicatorEngine engine, StoredReadings stored, TileThread thread, Indicators next,
            List<Reading.Key> addedSeries) {
        this.engine = engine;
        this.stored = stored;
        this.thread = thread;
        this.fresh = List.copyOf(next.fresh);
        this.freshSet = new HashSet<>(fresh);
        this.needs = next.needs();
        this.addedSeries = addedSeries;
        this.since = System.currentTimeMillis() - needs.horizon();
    }

    /**
     * Reads after {@link #SETTLE_MILLIS}: a reading this instance had live just before the change (counted in the tiles
     * kept, not in the new ones) may be stored by another instance (partitioned mode), which this one never hears of
     * again; by then it is in the database. Meanwhile the new tiles count what arrives, and say they are rebuilding.
     */
    void start() {
        if (!thread.after(SETTLE_MILLIS, () -> Infrastructure.getDefaultWorkerPool().execute(this::read))) {
            Infrastructure.getDefaultWorkerPool().execute(this::read);
        }
    }

    private void read() {
        long now = System.currentTimeMillis();
        int[] count = {0};
        try {
            List<Reading> batch = new ArrayList<>();
            stored.recentOf(needs.series(), Instant.ofEpochMilli(since), needs.states(), r -> {
                batch.add(r);
                count[0]++;
                if (batch.size() == BATCH) {
                    engine.replay(batch, freshSet, now);
                    batch.clear();
                }
            });
            engine.replay(batch, freshSet, now);
            if (!addedSeries.isEmpty()) {
                engine.activity().heardBefore(stored.lastHeard(addedSeries));
            }
            Log.infof("Tiles: %d new or changed tiles rebuilt from %d stored readings", fresh.size(), count[0]);
        } catch (SQLException | RuntimeException e) {
            // Again only when nothing was counted yet: an increment without id read twice could not be told apart.
            if (count[0] == 0 && ++attempt < ATTEMPTS
                    && thread.after(RETRY_MILLIS, () -> Infrastructure.getDefaultWorkerPool().execute(this::read))) {
                Log.debugf("Tiles: the new tiles' past could not be read (%s); again in 5 s", e.getMessage());
                return;
            }
            Log.warnf("Tiles: the new tiles' past could not be read (%s); they fill from live readings", e.getMessage());
        }
        engine.pastRead(fresh);
        if (!thread.after(GRACE_MILLIS, () -> engine.forget(fresh))) {
            engine.forget(fresh);
        }
    }
}
