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

    /**
     * The password of the broker's dynamic-security administrator ({@code PANTAU_MQTT_DYNSEC_PASSWORD}, login
     * {@code pantau-dynsec}): set, Pantau makes each device's and feed's broker login as the catalog changes
     * (docs/security.md). Unset: the logins are managed elsewhere (the credentials tool).
     */
    Optional<String> dynsecPassword();

    /** The administrator's login name. */
    @WithDefault("pantau-dynsec")
    String dynsecUsername();

    /** Prefix of the client ids Pantau connects with. */
    @WithDefault("pantau")
    String clientId();

    /**
     * This instance's name, which makes the durable session's client id ({@code pantau-store-<instance>}). It must
     * stay the same across restarts (the broker keeps the session's backlog under it) and differ between
     * instances. Default: the host name.
     */
    Optional<String> instance();

    /** How the durable sessions subscribe (docs/architecture.md, "The durable subscription"). */
    enum DurableMode {
        /**
         * Plain persistent subscriptions to the catalog's topics, each source's topics in one session chosen by
         * a hash of its id: a broker keeps these across its own restarts (Mosquitto 2.0 does not keep shared ones).
         */
        PARTITIONED,
        /** One shared subscription ({@code $share/<group>/pantau/v1/#}) for brokers that persist it (EMQX, HiveMQ, Mosquitto 2.1). */
        SHARED
    }

    @WithDefault("partitioned")
    DurableMode durableMode();

    /**
     * Partitioned mode with several instances: this instance's number, 0 to {@link #instanceCount()} − 1. Instance
     * i stores the sources whose id hashes to i; each must run with a different number and the same count.
     */
    @WithDefault("0")
    int instanceIndex();

    /** Partitioned mode: how many instances split the sources between them. */
    @WithDefault("1")
    int instanceCount();

    /** The shared-subscription group in which instances split the storage work (shared mode). */
    @WithDefault("pantau-store")
    String sharedGroup();

    /**
     * Persistent sessions of this instance's durable subscription (partitioned: each takes a share of the catalog's
     * topics; shared: each joins the shared group). Brokers limit the unacknowledged messages per
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
