package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.Durations;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.StoredReadings;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the tiles from the database: every reading some window still covers, and the latest value of each series
 * shown as a state; and when each source was last heard, however long ago (a source never heard is planned, and no
 * silence alarm watches it). Runs at start-up before the first tiles are published, or, when the database is reached only
 * later, then (readings already applied are dropped as duplicates).
 */
final class WarmStart {

    private static final int BATCH = 10_000;

    private WarmStart() {
    }

    /** Every metric of every source, and the status of every device: when any was last heard, the source was. */
    private static List<Reading.Key> everySeries(Catalog catalog) {
        return everySeries(catalog, catalog.sources().keySet());
    }

    /** The same for some sources only (those a catalog change added). */
    static List<Reading.Key> everySeries(Catalog catalog, java.util.Collection<String> sources) {
        List<Reading.Key> keys = new ArrayList<>();
        sources.stream().map(catalog.sources()::get).filter(java.util.Objects::nonNull).forEach(s -> {
            s.metrics().keySet().forEach(m -> keys.add(new Reading.Key(s.id(), m)));
            if (!s.isFeed()) {
                keys.add(new Reading.Key(s.id(), Reading.ONLINE));
            }
        });
        return keys;
    }

    static void run(StoredReadings store, Catalog catalog, Indicators indicators, IndicatorEngine engine) {
        long now = System.currentTimeMillis();
        List<Reading> batch = new ArrayList<>();
        int[] count = {0};
        try {
            store.recent(Instant.ofEpochMilli(now - indicators.horizon), indicators.states(), r -> {
                batch.add(r);
                count[0]++;
                if (batch.size() == BATCH) {
                    engine.apply(batch, now);
                    batch.clear();
                }
            });
            engine.apply(batch, now);
            engine.activity().heardBefore(store.lastHeard(everySeries(catalog)));
            Log.infof("Tiles: warm start from the database with %d readings (the last %s and the latest states)", count[0],
                    Durations.format(Duration.ofMillis(indicators.horizon)));
        } catch (java.sql.SQLException e) {
            Log.warnf("Tiles: warm start failed (%s); the tiles fill from live readings", e.getMessage());
        }
    }
}
