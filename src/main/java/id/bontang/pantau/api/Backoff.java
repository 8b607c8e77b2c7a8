package id.bontang.pantau.api;

import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * The one backoff of every reconnection and retry in Pantau (the broker's connections, the relay and the alarms out,
 * the database's schema, the batch writer, the alarms' load): Mutiny's exponential backoff (with its jitter),
 * from {@link #INITIAL} up to {@link #MAX}, tried again for as long as it takes. Mutiny schedules the attempts on
 * its default executor, which Quarkus manages and shuts down.
 */
public final class Backoff {

    /** The first wait after a failure. */
    public static final Duration INITIAL = Duration.ofMillis(100);
    /** The longest wait between two attempts. */
    public static final Duration MAX = Duration.ofSeconds(5);

    private Backoff() {
    }

    /** {@code uni} subscribed to again after each failure, waiting {@link #INITIAL} doubling up to {@link #MAX}. */
    public static <T> Uni<T> retried(Uni<T> uni) {
        return retried(uni, e -> true);
    }

    /** Likewise, for the failures {@code worth} says may pass; any other ends it. */
    public static <T> Uni<T> retried(Uni<T> uni, java.util.function.Predicate<Throwable> worth) {
        return uni.onFailure(worth).retry().withBackOff(INITIAL, MAX).indefinitely();
    }
}
