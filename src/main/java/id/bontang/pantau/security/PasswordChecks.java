package id.bontang.pantau.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every password check (the sign-in form and HTTP Basic) runs here: on a Vert.x worker pool of
 * {@code pantau.security.password-check-threads} threads, so that a burst of bcrypt work takes neither the event loop
 * nor the request workers nor the database pool, behind a queue of {@code pantau.security.password-check-queue}.
 * A check past the queue is refused at once with {@link SignInUnavailable} ({@code sign-in-busy}), which the caller
 * answers with 503: a burst of wrong passwords delays or refuses sign-ins, it cannot sign anyone in or turn the user
 * store "unavailable". Counted in {@code pantau_security_password_checks_total{outcome}}.
 */
@Singleton
public class PasswordChecks {

    public static final String CHECKS = "pantau.security.password.checks";

    private final Passwords passwords;
    private final WorkerExecutor hashing;
    private final int limit;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Map<String, Counter> outcomes;

    public PasswordChecks(Passwords passwords, Vertx vertx, SecurityConfig config, MeterRegistry registry) {
        this.passwords = passwords;
        int threads = Math.max(1, config.passwordCheckThreads());
        this.hashing = vertx.createSharedWorkerExecutor("pantau-password-checks", threads);
        this.limit = threads + Math.max(0, config.passwordCheckQueue());
        this.outcomes = Map.of("accepted", counter(registry, "accepted"), "refused", counter(registry, "refused"),
                SignInUnavailable.BUSY, counter(registry, "busy"), SignInUnavailable.STORE, counter(registry, "unavailable"));
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(CHECKS).tag("outcome", outcome)
                .description("Password checks (sign-in form and HTTP Basic) by outcome").register(registry);
    }

    /**
     * The user's role and stamp, or a failure: {@link Passwords.Refused} or {@link SignInUnavailable}. The answer comes on a
     * worker thread: what follows (the audit trail, the session) may use the database, never the event loop.
     */
    public Uni<Passwords.Verified> check(String username, String password) {
        return Uni.createFrom().deferred(() -> {
            if (admitted.incrementAndGet() > limit) {
                admitted.decrementAndGet();
                return Uni.createFrom().failure(new SignInUnavailable(SignInUnavailable.BUSY,
                        "too many sign-ins are being checked at once; retry in a moment"));
            }
            return Uni.createFrom().completionStage(() -> hashing.<Passwords.Verified>executeBlocking(() -> {
                try {
                    return passwords.authenticate(username, password);
                } finally {
                    admitted.decrementAndGet();
                }
            }, false).toCompletionStage());
        }).emitOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().invoke((verified, failure) -> outcomes.get(failure == null ? "accepted"
                        : failure instanceof Passwords.Refused ? "refused" : failure instanceof SignInUnavailable u ? u.reason()
                        : SignInUnavailable.STORE).increment())
                .onFailure(Passwords.Unavailable.class).transform(e -> new SignInUnavailable(SignInUnavailable.STORE, e.getMessage()));
    }

    @PreDestroy
    void stop() {
        hashing.close();
    }
}
