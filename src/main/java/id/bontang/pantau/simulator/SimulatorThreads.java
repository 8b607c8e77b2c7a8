package id.bontang.pantau.simulator;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The simulator's two threads, "simulator": the backfill, every source's schedule and the cameras. Made when the
 * simulator starts (never when it is off); a bean, so that the container shuts them down with the application.
 */
@Singleton
class SimulatorThreads {

    private ScheduledExecutorService threads;

    synchronized ScheduledExecutorService get() {
        if (threads == null) {
            threads = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "simulator");
                t.setDaemon(true);
                return t;
            });
        }
        return threads;
    }

    @PreDestroy
    synchronized void stop() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
