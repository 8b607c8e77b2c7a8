package id.bontang.pantau.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rate limits (Resilience4j's {@link RateLimiter}), answered with 429 and {@code Retry-After}: the feed API per
 * feed key presented and per client address (the connectors' webhooks per address too), sign-in per client address, and HTTP Basic from an address whose
 * refused credentials went past the sign-in rate. Each kind keeps at most 10,000 limiters,
 * the least recently used forgotten first, so that many addresses cost bounded memory. Counted in
 * {@code pantau_http_rate_limited_total{limit}}.
 */
@Singleton
public class RateLimits {

    public static final String LIMITED = "pantau.http.rate.limited";
    private static final String FEEDS = "/api/v1/feeds/";
    /** The connectors' webhooks (The Things Stack): the feed API's limit per address. */
    private static final String WEBHOOKS = "/api/v1/connectors/";
    private static final String SIGN_IN = "/j_security_check";

    private final Limiters perKey;
    private final Limiters perAddress;
    private final Limiters signIn;
    /** Refused HTTP Basic credentials per address: past the sign-in rate, Basic from there waits (each costs bcrypt). */
    private final Limiters basicFailures;
    private final MeterRegistry registry;

    public RateLimits(SecurityConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.perKey = new Limiters("feed-key", config.feedRatePerKey(), Duration.ofSeconds(1));
        this.perAddress = new Limiters("feed-address", config.feedRatePerAddress(), Duration.ofSeconds(1));
        this.signIn = new Limiters("sign-in", config.signInRatePerAddress(), Duration.ofMinutes(1));
        this.basicFailures = new Limiters("basic-failures", config.signInRatePerAddress(), Duration.ofMinutes(1));
        for (String limit : new String[] {"feed-key", "feed-address", "sign-in", "basic-failures"}) {
            registry.counter(LIMITED, "limit", limit);
        }
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 15).handler(this::check);
    }

    /** A request's HTTP Basic credentials were refused: counts against its address. */
    void basicRefused(String address) {
        basicFailures.allow(address == null ? "?" : address);
    }

    private void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        String address = java.util.Objects.requireNonNullElse(Audit.address(rc.request()), "?");
        String authorization = rc.request().getHeader("Authorization");
        Limiters refused = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) && basicFailures.spent(address)) {
            refused = basicFailures;
        } else if (rc.request().method() != HttpMethod.POST) {
            rc.next();
            return;
        } else if (path.startsWith(FEEDS) || path.startsWith(WEBHOOKS)) {
            String auth = rc.request().getHeader("Authorization");
            refused = !perAddress.allow(address) ? perAddress : auth != null && !perKey.allow(Refusal.sha256(auth)) ? perKey : null;
        } else if ((path.equals(SIGN_IN) || path.equals(DisplaySession.PATH)) && !signIn.allow(address)) {
            refused = signIn;
        }
        if (refused == null) {
            rc.next();
            return;
        }
        registry.counter(LIMITED, "limit", refused.name).increment();
        long seconds = Math.max(1, (refused.wait(refused == perKey ? Refusal.sha256(authorization) : address)
                + 999_999_999L) / 1_000_000_000L);
        Log.debugf("Security: %s %s from %s over the %s limit", rc.request().method(), path, address, refused.name);
        rc.response().putHeader("Retry-After", Long.toString(seconds));
        Refusal.send(rc, 429, "Too Many Requests", "rate-limited", "over the " + refused.name + " limit; retry after " + seconds + " s");
    }


    /** One limiter per key, the least recently used dropped past 10,000. */
    private static final class Limiters {
        private static final int CAPACITY = 10_000;
        final String name;
        private final RateLimiterConfig config;
        private final Map<String, RateLimiter> byKey = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
                return size() > CAPACITY;
            }
        };

        Limiters(String name, int limit, Duration period) {
            this.name = name;
            this.config = RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(period)
                    .timeoutDuration(Duration.ZERO).build();
        }

        private synchronized RateLimiter limiter(String key) {
            return byKey.computeIfAbsent(key, k -> RateLimiter.of(name, config));
        }

        boolean allow(String key) {
            return limiter(key).acquirePermission();
        }

        /** Whether this key has no permission left now (without taking one). */
        synchronized boolean spent(String key) {
            RateLimiter l = byKey.get(key);
            return l != null && l.getMetrics().getAvailablePermissions() <= 0;
        }

        long wait(String key) {
            // Resilience4j's default limiter, the atomic one, tells how long until its next permission.
            return limiter(key) instanceof AtomicRateLimiter a ? a.getDetailedMetrics().getNanosToWait() : 1_000_000_000L;
        }
    }
}
