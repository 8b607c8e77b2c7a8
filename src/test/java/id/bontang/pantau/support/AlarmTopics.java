package id.bontang.pantau.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A system downstream of Pantau (a siren, the 112 dispatch): subscribes to {@code pantau/v1/alarms/+} and keeps what comes. */
public final class AlarmTopics implements AutoCloseable {

    /** One message: its topic, the alarm (null for an empty, clearing message) and whether it was retained. */
    public record Received(String topic, JsonNode alarm, boolean retained) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    public AlarmTopics(String url) {
        try {
            client = new MqttClient(url, "alarm-listener-" + UUID.randomUUID(), new MemoryPersistence());
            client.setTimeToWait(30_000);
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(Mosquitto.TESTER);
            o.setPassword(Mosquitto.TESTER_PASSWORD.toCharArray());
            client.connect(o);
            client.subscribe("pantau/v1/alarms/+", 1, (topic, m) -> {
                JsonNode alarm = null;
                if (m.getPayload().length > 0) {
                    try {
                        alarm = JSON.readTree(m.getPayload());
                    } catch (IOException e) {
                        alarm = JSON.getNodeFactory().textNode("not JSON: " + new String(m.getPayload()));
                    }
                }
                synchronized (received) {
                    received.add(new Received(topic, alarm, m.isRetained()));
                }
            });
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The messages of one alarm's topic, in order. */
    public List<Received> of(long id) {
        return received().stream().filter(r -> r.topic().equals("pantau/v1/alarms/" + id)).toList();
    }

    @Override
    public void close() {
        try {
            client.disconnect();
            client.close();
        } catch (MqttException e) {
            // gone already
        }
    }
}
