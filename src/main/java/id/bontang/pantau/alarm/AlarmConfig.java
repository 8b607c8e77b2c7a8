package id.bontang.pantau.alarm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How alarms escalate, how long they may be shelved, and what counts as a flood or chattering (ISA-18.2). */
@ConfigMapping(prefix = "pantau.alarms")
public interface AlarmConfig {

    /** An unacknowledged active alarm of severity 3 or 4 escalates after this long: shown and announced again. */
    @WithDefault("5m")
    Duration escalateAfter();

    /** The longest an operator may shelve an alarm for. */
    @WithDefault("8h")
    Duration maxShelve();

    /** More than this many new alarms within {@link #floodWindow()} is an alarm flood (ISA-18.2: 10 in 10 min). */
    @WithDefault("10")
    int floodCount();

    @WithDefault("10m")
    Duration floodWindow();

    /** An alarm that activates this many times within {@link #chatterWindow()} is chattering. */
    @WithDefault("3")
    int chatterCount();

    @WithDefault("1m")
    Duration chatterWindow();

    /** How often delays, shelving, escalation and silence are checked. */
    @WithDefault("1s")
    Duration tick();

    /** How often another instance's changes are read from the database. */
    @WithDefault("500ms")
    Duration syncInterval();

    /**
     * Closed alarms and their events are kept this long after they closed (two years: a year's figures can be
     * compared with the year before); open alarms are kept however old.
     */
    @WithDefault("P730D")
    Duration retention();
}
