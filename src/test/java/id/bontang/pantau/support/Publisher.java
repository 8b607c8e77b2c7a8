package id.bontang.pantau.support;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A sensor, as tests play it: a blocking Paho client. */
public final class Publisher implements AutoCloseable {

    private final MqttClient client;

    public Publisher(String url) {
        try {
            client = new MqttClient(url, "test-" + UUID.randomUUID(), new MemoryPersistence());
            client.setTimeToWait(30_000); // a blocking call that never ends would hang the build
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(Mosquitto.TESTER); // ignored by brokers that let anyone in
            o.setPassword(Mosquitto.TESTER_PASSWORD.toCharArray());
            o.setCleanSession(true);
            o.setMaxInflight(1000);
            client.connect(o);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1);
    }

    public void publish(String topic, byte[] payload, int qos) {
        try {
            client.publish(topic, payload, qos, false);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    public void telemetry(String device, String payload) {
        publish("pantau/v1/devices/" + device + "/telemetry", payload);
    }

    @Override
    public void close() {
        try {
            client.disconnect();
            client.close();
        } catch (MqttException e) {
            // already gone
        }
    }
}
