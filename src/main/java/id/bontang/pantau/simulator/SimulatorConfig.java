package id.bontang.pantau.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The built-in Bontang simulator ({@code PANTAU_SIMULATOR_*}). */
@ConfigMapping(prefix = "pantau.simulator")
public interface SimulatorConfig {

    /** Publish simulated telemetry for the whole catalog through the broker (on in dev mode, off in prod). */
    @WithDefault("false")
    boolean enabled();

    /** The same seed plays the same city: values are a function of seed, source and time. */
    @WithDefault("2016")
    long seed();

    /** Multiplies the message rate (each source publishes every cadence / factor), for benchmarks. */
    @WithDefault("1")
    double rateFactor();

    /** At start, publish this much history first (so that 24-hour windows and "today" are filled). */
    @WithDefault("PT24H")
    Duration backfill();

    /**
     * How fast the start-up replay is published (messages a second). Devices emptying their buffers do not
     * flood a broker at full speed either; the embedded broker drops deliveries under such floods.
     */
    @WithDefault("4000")
    int backfillRate();

    /**
     * The simulator's own user on an external broker: it publishes for every device, which Pantau's user
     * may not (its role in the broker's dynamic-security file). Unset: Pantau's credentials (fine for the
     * embedded broker).
     */
    Optional<String> username();

    /** Its password. */
    Optional<String> password();

    /** QoS of simulated telemetry; 1 lets the durable subscription keep what arrives while Pantau is down. */
    @WithDefault("1")
    int qos();

    /**
     * The scenarios (alarm-raising incidents, docs/alarms.md) played in turn while the simulator is on:
     * spring-tide, air-quality, silent-feed, or none. An admin can start any of them at any time through the API.
     */
    @WithDefault("spring-tide,air-quality,silent-feed")
    List<String> scenarios();

    /** The time between two scheduled scenarios. */
    @WithDefault("45m")
    Duration scenarioEvery();

    /** When the first scheduled scenario starts, after the simulator has caught up and plays live. */
    @WithDefault("2m")
    Duration scenarioFirst();

    /** How fast scenario time runs against wall time (tests speed it up with the rate factor). */
    @WithDefault("1")
    double scenarioSpeed();
}
