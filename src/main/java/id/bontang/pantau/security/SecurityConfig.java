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
