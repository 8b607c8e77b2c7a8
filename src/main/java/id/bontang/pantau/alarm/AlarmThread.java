package id.bontang.pantau.alarm;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The alarm rules' one thread, "pantau-alarms": tile changes, ticks, syncs and the load all run on it, so the rules
 * need no locks. A bean, so that the container shuts it down with the application.
 */
@Singleton
class AlarmThread implements Executor {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pantau-alarms");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code task} on the thread; false when the application is stopping. */
    boolean submit(Runnable task) {
        try {
            thread.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
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
