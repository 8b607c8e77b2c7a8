package id.bontang.pantau.store;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one backoff for retries while the database is away (the schema's preparation, the alarms' load): from
 * {@link #FIRST} doubling (with Mutiny's jitter) up to {@link #LONGEST}, for as long as it takes.
 */
public final class Retries {

    public static final Duration FIRST = Duration.ofMillis(250);
    public static final Duration LONGEST = Duration.ofSeconds(5);

    private Retries() {
    }

    /** {@code attempt} again after each failure that {@code retryable} accepts, until it succeeds. */
    public static <T> Uni<T> untilDone(Uni<T> attempt, Predicate<Throwable> retryable) {
        return attempt.onFailure(retryable).retry().withBackOff(FIRST, LONGEST).indefinitely();
    }
}
