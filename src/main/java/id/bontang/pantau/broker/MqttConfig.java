package id.bontang.pantau.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How Pantau reaches its MQTT broker. */
@ConfigMapping(prefix = "pantau.mqtt")
public interface MqttConfig {

    /** The external broker, e.g. {@code tcp://127.0.0.1:1883} ({@code PANTAU_MQTT_URL}). Unset: an embedded broker is started. */
    Optional<String> url();

    /** User name for the external broker ({@code PANTAU_MQTT_USERNAME}). */
    Optional<String> username();

    /** Password for the external broker ({@code PANTAU_MQTT_PASSWORD}). */
    Optional<String> password();

    /** Prefix of the client ids Pantau connects with. */
    @WithDefault("pantau")
    String clientId();

    /**
     * This instance's name, which makes the durable session's client id ({@code pantau-store-<instance>}). It must
     * stay the same across restarts (the broker keeps the session's backlog under it) and differ between
     * instances. Default: the host name.
     */
    Optional<String> instance();

    /** The shared-subscription group in which instances split the storage work. */
    @WithDefault("pantau-store")
    String sharedGroup();

    /**
     * Connections this instance keeps in the shared group. Brokers limit the unacknowledged messages per
     * client (Mosquitto's default is 20) and may drop a session's queue past a limit (1000 by default), so
     * several sessions drain a burst faster and hold more of it (docs/operations.md: 8 sessions lost 13 % of
     * a 20,000-message burst on Debian's default Mosquitto; 32 hold a whole burst of 30,000 published while
     * Pantau is down). The embedded broker always uses one.
     */
    @WithDefault("32")
    int durableConnections();

    /** The embedded broker, used only when no {@link #url()} is set. */
    Embedded embedded();

    interface Embedded {

        /** Interface the embedded broker listens on; 0.0.0.0 lets devices on the network reach it. */
        @WithDefault("127.0.0.1")
        String host();

        /** The port it tries first; when taken, the next free ones are tried. */
        @WithDefault("1883")
        int port();

        /** How many ports after {@link #port()} are tried. */
        @WithDefault("20")
        int portAttempts();
    }
}
