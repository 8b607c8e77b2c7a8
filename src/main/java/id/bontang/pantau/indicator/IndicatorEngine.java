package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.wall.Tile;
import id.bontang.pantau.wall.TileHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every tile of the catalog up to date. Readings update the tiles that read them (O(1) each) and
 * mark them changed; every flush interval the changed tiles are evaluated and those that differ from what
 * the wall last got go to the {@link TileHub} as one delta. Once a tick, every tile is evaluated, so that
 * sliding windows, day roll-over and staleness reach the wall without any new reading.
 */
@Singleton
public class IndicatorEngine {

    public static final String TILE_UPDATES = "pantau.tiles.updated";

    private final TileHub hub;
    private final List<Indicator> indicators = new ArrayList<>();
    private final Map<String, List<Indicator>> bySource = new HashMap<>();
    private final Map<String, Tile> current = new LinkedHashMap<>();
    private final Set<Indicator> dirty = new LinkedHashSet<>();
    private final Counter updates;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pantau-tiles");
        t.setDaemon(true);
        return t;
    });
    private long lastTick;
    private final long tickMillis;
    private final long flushMillis;

    public IndicatorEngine(Catalog catalog, TileHub hub, EngineConfig config, MeterRegistry registry) {
        this.hub = hub;
        this.tickMillis = config.tickInterval().toMillis();
        this.updates = Counter.builder(TILE_UPDATES).description("Tile changes pushed to the wall").register(registry);
        Map<String, Duration> cadences = new HashMap<>();
        catalog.sources().values().forEach(s -> cadences.put(s.id(), s.cadence()));
        for (IndicatorSpec spec : catalog.indicators()) {
            Indicator i = switch (spec.type()) {
                case VALUE -> new ValueIndicator(spec, catalog.zone(), cadences);
                case FLOOD -> new FloodIndicator(spec, catalog.zone(), cadences);
                case ISPU -> new IspuIndicator(spec, catalog.zone(), cadences);
                case WORST -> new WorstIndicator(spec, catalog.zone());
            };
            indicators.add(i);
            for (String source : spec.sources()) {
                bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(i);
            }
        }
        // Worst-of tiles read the others, so they are evaluated last.
        indicators.sort((a, b) -> Boolean.compare(a instanceof WorstIndicator, b instanceof WorstIndicator));
        this.flushMillis = config.flushInterval().toMillis();
    }

    @PostConstruct
    void start() {
        flush(System.currentTimeMillis(), true);
        flusher.scheduleWithFixedDelay(this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        flusher.shutdownNow();
    }

    /** Applies accepted readings; their tiles reach the wall at the next flush. */
    public void apply(List<Reading> readings) {
        apply(readings, System.currentTimeMillis());
    }

    synchronized void apply(List<Reading> readings, long now) {
        for (Reading r : readings) {
            List<Indicator> targets = bySource.get(r.source());
            if (targets != null) {
                for (Indicator i : targets) {
                    if (i.accept(r, now)) {
                        dirty.add(i);
                    }
                }
            }
        }
    }

    private void flush() {
        try {
            long now = System.currentTimeMillis();
            flush(now, now - lastTick >= tickMillis);
        } catch (RuntimeException e) {
            Log.error("Tile evaluation failed", e);
        }
    }

    /** Evaluates the changed tiles (all of them on a tick) and publishes those that differ. */
    void flush(long now, boolean tick) {
        List<Tile> changed = new ArrayList<>();
        synchronized (this) {
            if (tick) {
                lastTick = now;
            }
            if (!tick && dirty.isEmpty()) {
                return;
            }
            for (Indicator i : indicators) {
                if (tick || dirty.contains(i) || (i instanceof WorstIndicator && !changed.isEmpty())) {
                    Tile t = i.tile(now, current::get);
                    if (!t.equals(current.put(t.id(), t))) {
                        changed.add(t);
                    }
                }
            }
            dirty.clear();
            if (!changed.isEmpty()) {
                // Published under the engine's lock so that deltas leave in the order they were computed.
                hub.publish(changed);
            }
        }
        updates.increment(changed.size());
    }
}
