package id.bontang.pantau.indicator;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's flushes and ticks, one at a time on one thread, "pantau-tiles". A bean, so that the container shuts it
 * down with the application.
 */
@Singleton
class TileThread {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pantau-tiles");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code task} in {@code millis}; false when the application is stopping. */
    boolean after(long millis, Runnable task) {
        try {
            thread.schedule(task, millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code task} every {@code millis}, the first time after as long. */
    void every(long millis, Runnable task) {
        thread.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
