package id.bontang.pantau.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Owns the Mosquitto a test talks to and hands its address to Pantau ({@code pantau.mqtt.url}). */
public class MosquittoResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String url;
    private static volatile Mosquitto mosquitto;

    @Override
    public Map<String, String> start() {
        mosquitto = new Mosquitto().start();
        url = mosquitto.url();
        // As shipped: Pantau makes the devices' broker logins (the plugin's administrator's password given).
        Map<String, String> config = new java.util.HashMap<>(mosquitto.pantauConfig());
        config.putAll(Mosquitto.dynsecConfig());
        return config;
    }

    /** The running broker, for tests that stop and restart it. */
    public static Mosquitto current() {
        return mosquitto;
    }

    /** Starts a broker again on the same port (after {@link Mosquitto#stop()}). */
    public static void restart() {
        mosquitto = new Mosquitto(mosquitto.port()).start();
    }

    /** The address of the running one, for tests that run against the packaged server and cannot inject it. */
    public static String url() {
        return url;
    }

    @Override
    public void stop() {
        if (mosquitto != null) {
            mosquitto.stop();
        }
    }
}
