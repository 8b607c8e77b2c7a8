package id.bontang.pantau.broker;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT broker Pantau talks to: the external one {@code PANTAU_MQTT_URL} names, or, when none is
 * set, an embedded Moquette broker on port 1883 or the next free port. Starts before any client connects
 * (a {@code @Singleton} built in {@code @PostConstruct}, so it binds once).
 */
@Startup
@Singleton
public class Broker {

    static {
        PahoLog.install(); // before the first client: Paho makes its loggers per token
    }

    /**
     * Keep-alive pings of every client on one thread of their own, instead of Paho's timer thread per client: kept off
     * Quarkus' worker pool so that a busy pool never delays a keep-alive past the broker's timeout (which would cut
     * every connection at once). Owned by this bean and shut down with it; a ping a client schedules after that is
     * dropped, not refused with an exception on Paho's thread.
     */
    private final ScheduledThreadPoolExecutor pings = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "mqtt-ping");
        t.setDaemon(true);
        return t;
    }, new ThreadPoolExecutor.DiscardPolicy());

    private final MqttConfig config;
    private Server embedded;
    private String url;

    public Broker(MqttConfig config) {
        this.config = config;
    }

    @PostConstruct
    void start() {
        if (config.url().isPresent()) {
            url = config.url().get();
            Log.infof("MQTT: external broker %s", url);
            return;
        }
        MqttConfig.Embedded e = config.embedded();
        for (int port = e.port(); port < e.port() + e.portAttempts(); port++) {
            if (!free(e.host(), port)) {
                Log.infof("MQTT: port %d is taken, trying the next", port);
                continue;
            }
            try {
                embedded = new Server();
                embedded.startServer(new MemoryConfig(moquette(e.host(), port)));
                url = "tcp://" + ("0.0.0.0".equals(e.host()) ? "127.0.0.1" : e.host()) + ":" + port;
                Log.infof("MQTT: embedded broker listening on %s:%d (set PANTAU_MQTT_URL to use an external broker)",
                        e.host(), port);
                return;
            } catch (IOException | RuntimeException ex) {
                Log.warnf("MQTT: embedded broker could not start on port %d: %s", port, ex.getMessage());
                embedded.stopServer();
                embedded = null;
            }
        }
        throw new IllegalStateException("No free port for the embedded MQTT broker in " + e.port() + ".."
                + (e.port() + e.portAttempts() - 1) + "; set PANTAU_MQTT_URL or pantau.mqtt.embedded.port");
    }

    private static Properties moquette(String host, int port) {
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        // MQTT 3.1.1 lets a clean-session client leave its id empty; mosquitto_pub and many sensors do.
        p.setProperty("allow_zero_byte_client_id", "true");
        // Moquette reports usage to its authors unless told not to; the command center's data stays home.
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("use_bugsnag", "false");
        // The embedded broker lives and dies with Pantau, so on-disk persistence would buy nothing.
        p.setProperty("persistence_enabled", "false");
        // Above Moquette's 8 KB default, so that an oversized payload reaches Pantau and costs one
        // rejection (payload-too-large) instead of the sender's connection.
        p.setProperty("netty.mqtt.message_size", Integer.toString(4 * 1024 * 1024));
        p.setProperty("buffer_flush_millis", "0");
        // Moquette's session queues hold 1024 commands by default and silently drop deliveries past that: the
        // packaged server lost 6 % of the simulator's start-up replay (EmbeddedBrokerIT).
        p.setProperty("session_queue_size", "65536");
        return p;
    }

    private static boolean free(String host, int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @PreDestroy
    void stop() {
        pings.shutdownNow();
        if (embedded != null) {
            embedded.stopServer();
        }
    }

    /** The broker's address, e.g. {@code tcp://127.0.0.1:1883}. */
    public String url() {
        return url;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /**
     * The QoS of the live path's subscription. 0 on an external broker: the wall wants the newest value, and the
     * durable sessions keep every message. On the embedded broker that subscription may be the only one (no
     * database, no durable sessions), and Moquette 0.17 drops a QoS 0 delivery whenever the subscriber's connection
     * is not writable, without a word (seen in CI during the simulator's start-up replay); at QoS 1 it queues the
     * delivery instead, in memory and without a limit, and sends again what is not acknowledged within 5 s, which
     * the engine takes once (a message's identity is its topic and bytes).
     */
    public int liveQos() {
        return isEmbedded() ? 1 : 0;
    }

    /** The embedded broker itself (null with an external one), for tests that watch what it is asked. */
    Server embeddedServer() {
        return embedded;
    }

    /** A client of this broker; {@code role} makes the client id ({@code pantau-live-…}). */
    public MqttAsyncClient client(String role, boolean stableId) {
        String id = config.clientId() + "-" + role + (stableId ? "" : "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            return new MqttAsyncClient(url, id, new MemoryPersistence(), new ScheduledExecutorPingSender(pings), null);
        } catch (MqttException e) {
            throw new IllegalStateException("Invalid MQTT broker address '" + url + "': " + e.getMessage(), e);
        }
    }

    /** Connection options with the configured credentials; Paho reconnects by itself after a first connection. */
    public MqttConnectOptions options(boolean cleanSession) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(cleanSession);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(5_000);
        o.setKeepAliveInterval(15);
        o.setConnectionTimeout(10);
        config.username().ifPresent(o::setUserName);
        config.password().ifPresent(p -> o.setPassword(p.toCharArray()));
        if (url.startsWith("tcp://")) {
            o.setSocketFactory(BufferedSockets.INSTANCE); // ssl:// keeps Paho's own, which must be an SSLSocketFactory
        }
        return o;
    }
}
