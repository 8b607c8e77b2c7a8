package id.bontang.pantau.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How alarms reach people (docs/alarms.md, "Notifications"; docs/operations.md for the channels). */
@ConfigMapping(prefix = "pantau.notify")
public interface NotifyConfig {

    /** Off: nothing is planned or sent (the outbox still fills with a database, and is sent when turned on). */
    @WithDefault("true")
    boolean enabled();

    /** How often each instance looks for changes to plan and messages due. */
    @WithDefault("1s")
    Duration poll();

    /** How long a claimed message is this instance's: past it, another instance resumes it (a crash). */
    @WithDefault("2m")
    Duration lease();

    /** The address of the console in messages' links, as the people told reach it. */
    @WithDefault("http://localhost:8080")
    String consoleUrl();

    /** How long an acknowledgement link in a message works. */
    @WithDefault("24h")
    Duration linkTtl();

    /** The Telegram bot's token (from BotFather); unset: Telegram recipients fail with that reason. */
    Optional<String> telegramToken();

    /** The bot's @name, shown to users so that they know whom to write /start to. */
    Optional<String> telegramBot();

    /** The Bot API's address (a proxy, or the tests' own server). */
    @WithDefault("https://api.telegram.org")
    String telegramApi();

    /** Webhooks' signing secrets, {@code name=whsec_…,name2=…}: the settings name them, never hold them. */
    Optional<String> webhookSecrets();

    /** The sender of emails. */
    @WithDefault("Pantau <pantau@localhost>")
    String emailFrom();

    /** A request to a provider waits this long for its answer; then it is retried. */
    @WithDefault("10s")
    Duration timeout();

    /** Temporary failures are retried this many times in all, with a growing wait (doubling, jittered). */
    @WithDefault("8")
    int maxAttempts();

    @WithDefault("15s")
    Duration firstRetry();

    @WithDefault("30m")
    Duration maxRetry();

    /** At most this many messages per recipient per {@link #rateWindow()}; more wait and go as one digest. */
    @WithDefault("6")
    int ratePerRecipient();

    @WithDefault("10m")
    Duration rateWindow();

    /**
     * Settings to start with when none are stored (a resource on the class path; dev mode's: a rule per kind of alarm
     * to the simulator's stand-ins, so that the first run shows notifications). Its {@code personal} gives users' own.
     */
    Optional<String> seed();

    /** An alarm change older than this when it is planned (Pantau was down, or notifications off) tells nobody. */
    @WithDefault("1h")
    Duration maxAge();

    /** During a flood, a recipient gets one digest per this interval instead of a message per alarm. */
    @WithDefault("5m")
    Duration digestEvery();
}
