package id.bontang.pantau.broker;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The durable sessions' backpressure: messages the pipeline asked for and has not been given. A session's Paho
 * thread waits here until the pipeline asks for a message; meanwhile Paho stops reading, and the broker keeps the
 * rest (memory does not grow with a backlog). A grant wakes a waiting session at once.
 */
final class Credit {

    private final Semaphore permits = new Semaphore(0);
    private final BooleanSupplier stopped;
    private volatile boolean unbounded;

    /** @param stopped whether the subscription stopped: no wait goes on after that */
    Credit(BooleanSupplier stopped) {
        this.stopped = stopped;
    }

    /** The pipeline asked for {@code n} more (a request past half of {@code int} means no bound at all). */
    void grant(long n) {
        if (n <= 0) {
            return;
        }
        if (n >= Integer.MAX_VALUE / 2 || permits.availablePermits() >= Integer.MAX_VALUE / 2) {
            unbounded = true;
        } else {
            permits.release((int) n);
        }
    }

    /** Waits for the pipeline to ask for a message; false when the client went away meanwhile. */
    boolean take(BooleanSupplier connected) {
        try {
            // Polled every 100 ms: Paho says a connection is lost only once its callback thread (this one) returns.
            while (!unbounded && !permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (stopped.getAsBoolean() || !connected.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Paho stops its callback thread so: the broker redelivers
            return false;
        }
    }
}
