package id.bontang.pantau.indicator;

import id.bontang.pantau.reading.Reading;
import io.micrometer.core.instrument.Counter;
import io.quarkus.logging.Log;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One failing indicator costs one tile: an indicator that throws, while a reading updates it or while its tile is
 * evaluated, shows {@code unknown} with the reason (counted, logged once), and every other tile goes on. Not
 * thread-safe: the engine calls it under its lock.
 */
final class FailingTiles {

    private record Broken(String reason, long since) {
    }

    private final Counter failures;
    /**
     * Indicators a reading could not be applied to: their figures are not right until that reading has left
     * every window of the indicator (a latest value: until the next one).
     */
    private final Map<Indicator, Broken> broken = new HashMap<>();

    FailingTiles(Counter failures) {
        this.failures = failures;
    }

    void readingFailed(Indicator i, Reading r, RuntimeException e, long now) {
        fail(i, "a reading of " + r.source() + "/" + r.metric() + " could not be counted", e);
        broken.put(i, new Broken("a reading could not be counted (" + e + ")", now));
    }

    /** The indicator's tile, or {@code unknown} with the reason while it is broken or when it fails now. */
    TileState tile(Indicator i, long now, Function<String, TileState> current) {
        Broken b = broken.get(i);
        if (b != null && now - b.since() > i.longestWindow()) {
            broken.remove(i);
            b = null;
        }
        String reason = b == null ? null : b.reason();
        if (reason == null) {
            try {
                TileState t = i.tile(now, current);
                i.failures = 0;
                return t;
            } catch (RuntimeException e) {
                fail(i, "evaluation failed", e);
                reason = "evaluation failed (" + e + ")";
            }
        }
        return i.failed(reason, now);
    }

    private void fail(Indicator i, String what, RuntimeException e) {
        failures.increment();
        if (i.failures++ == 0) {
            Log.errorf(e, "Tiles: %s: %s; the tile shows unknown, every other tile goes on", i.spec.id(), what);
        }
    }
}
