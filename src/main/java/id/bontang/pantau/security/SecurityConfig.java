package id.bontang.pantau.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sign-in and what is open without it (docs/security.md). */
@ConfigMapping(prefix = "pantau.security")
public interface SecurityConfig {

    /**
     * PANTAU_ADMIN_PASSWORD: creates the user {@code admin}, or resets its password and unlocks it, at start-up.
     * Without a database {@code admin} is the only user.
     */
    Optional<String> adminPassword();

    /**
     * PANTAU_ADMIN_PASSWORD_RESET: with true, {@code admin} gets PANTAU_ADMIN_PASSWORD again at this start (and is
     * enabled, unlocked and made admin), whatever was changed since. Without it the password only creates a missing
     * {@code admin}: a password changed through the API stays changed across restarts.
     */
    @WithDefault("false")
    boolean adminPasswordReset();

    /** A signed-in session unused for this long ends (an open wall or console socket counts as use). */
    @WithDefault("12h")
    Duration sessionIdleTimeout();

    /** A signed-in session ends this long after its sign-in, however busy. */
    @WithDefault("7d")
    Duration sessionLifetime();

    /**
     * How long an instance trusts a session it has just checked without reading it again: a session ended on another
     * instance is refused here within this time.
     */
    @WithDefault("2s")
    Duration sessionRecheck();

    /** How often the open wall and console sockets are checked: one whose session or display ended is closed. */
    @WithDefault("5s")
    Duration socketRecheck();

    /**
     * Password checks (bcrypt) at once. They run on threads of their own, never holding a database connection while
     * hashing; more arriving wait in a queue of {@link #passwordCheckQueue()}, past which they are refused with 503.
     */
    @WithDefault("2")
    int passwordCheckThreads();

    /** Password checks that may wait for a thread; one more is answered 503 {@code sign-in-busy} at once. */
    @WithDefault("32")
    int passwordCheckQueue();

    /** PANTAU_WALL_ANONYMOUS: the wall, the tiles and /ws/wall open to anyone (read only), for a closed network. */
    @WithDefault("false")
    boolean wallAnonymous();

    /** Failed sign-ins in a row that lock a user out. */
    @WithDefault("5")
    int lockoutAttempts();

    /** How long a locked-out user waits. */
    @WithDefault("15m")
    Duration lockoutDuration();

    /** Feed API requests a second, per feed key presented (an application sends many records in one request). */
    @WithDefault("100")
    int feedRatePerKey();

    /** Feed API requests a second, per client address. */
    @WithDefault("200")
    int feedRatePerAddress();

    /** Sign-in attempts a minute, per client address (the form and its error page). */
    @WithDefault("10")
    int signInRatePerAddress();

    /**
     * Origins besides the server's own that may open /ws/wall and send state-changing requests (a console served
     * from another host name, say): {@code https://wall.example.go.id}.
     */
    Optional<List<String>> allowedOrigins();
}
