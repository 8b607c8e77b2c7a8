package id.bontang.pantau.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Owns the Mosquitto a test talks to and hands its address to Pantau ({@code pantau.mqtt.url}). */
public class MosquittoResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String url;
    private Mosquitto mosquitto;

    @Override
    public Map<String, String> start() {
        mosquitto = new Mosquitto().start();
        url = mosquitto.url();
        return Map.of("pantau.mqtt.url", url);
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
