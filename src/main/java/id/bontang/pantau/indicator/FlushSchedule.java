package id.bontang.pantau.indicator;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When the engine flushes: every tick, and {@code flushInterval} after a change, with whatever else changed meanwhile,
 * but never sooner than {@code minFlushGap} after the previous one: a calm city's reading is on the walls within a few
 * milliseconds, a busy city's deltas come at a bounded rate that every wall can take as they are (encoded once,
 * nothing coalesced per client). Nothing is scheduled while nothing changes; one flush at a time is pending.
 *
 * <p>A debounce of our own (one compare-and-set per change, one timer per flush) rather than a reactive operator:
 * measured on two cores, a change reaches the walls in a few milliseconds and a burst costs one flush (FlushTimingTest).
 */
final class FlushSchedule {

    private final TileThread thread;
    private final Runnable flush;
    private final long tickMillis;
    private final long flushMillis;
    private final long minGapMillis;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastFlush;
    /** Flushes run by themselves once started (tests that drive the clock flush by hand). */
    private volatile boolean started;

    FlushSchedule(TileThread thread, EngineConfig config, Runnable flush) {
        this.thread = thread;
        this.flush = flush;
        this.tickMillis = config.tickInterval().toMillis();
        this.flushMillis = config.flushInterval().toMillis();
        this.minGapMillis = config.minFlushGap().toMillis();
    }

    void start() {
        thread.every(tickMillis, flush);
        started = true;
    }

    /** A tile changed: one flush is pending, soon. */
    void changed() {
        if (started && pending.compareAndSet(false, true)) {
            long delay = Math.max(flushMillis, lastFlush + minGapMillis - System.currentTimeMillis());
            boolean scheduled = thread.after(delay, () -> {
                // The time first: a change that finds nothing pending must see this flush's time, or it schedules the
                // next one a gap after the previous flush, i.e. at once (FlushTimingTest saw two pushes 1 ms apart).
                lastFlush = System.currentTimeMillis();
                pending.set(false); // before evaluating: what changes meanwhile gets the next flush
                flush.run();
            });
            if (!scheduled) {
                pending.set(false); // shutting down
            }
        }
    }
}
