package id.bontang.pantau.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Owns the Mosquitto a test talks to and hands its address to Pantau ({@code pantau.mqtt.url}). */
public class MosquittoResource implements QuarkusTestResourceLifecycleManager {

    private Mosquitto mosquitto;

    @Override
    public Map<String, String> start() {
        mosquitto = new Mosquitto().start();
        return Map.of("pantau.mqtt.url", mosquitto.url());
    }

    @Override
    public void stop() {
        if (mosquitto != null) {
            mosquitto.stop();
        }
    }
}
