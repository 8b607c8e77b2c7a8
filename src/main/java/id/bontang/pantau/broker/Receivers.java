package id.bontang.pantau.broker;

import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the subscriptions that must be active before anything Pantau publishes itself can be received. */
@Singleton
public class Receivers {

    private final Event<ReceiversReady> ready;
    private final AtomicInteger expected = new AtomicInteger(1); // the live subscription
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicBoolean fired = new AtomicBoolean();

    public Receivers(Event<ReceiversReady> ready) {
        this.ready = ready;
    }

    /** The durable sessions to wait for as well. */
    void expect(int sessions) {
        expected.addAndGet(sessions);
    }

    /** One subscription became active (the first time counts). */
    void subscribed() {
        if (active.incrementAndGet() >= expected.get() && fired.compareAndSet(false, true)) {
            ready.fire(new ReceiversReady());
        }
    }
}
