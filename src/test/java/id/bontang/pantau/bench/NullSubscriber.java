package id.bontang.pantau.bench;

import id.bontang.pantau.broker.BufferedSockets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The least a JVM server could do with the storage benchmark's burst: in a fresh JVM, subscribe as Pantau does in its
 * simplest form (one persistent QoS 1 session, where Pantau spreads its subscriptions over several, and one clean QoS 0
 * session, both to {@code pantau/v1/#}) and only count, acknowledging on arrival. No decoding, no database. Prints {@code ready} once subscribed and {@code done} when the persistent session
 * has had {@code expected} messages.
 *
 * <p>Arguments: broker URL, user, password, expected, and {@code live} for the QoS 0 session too (anything else: the
 * persistent session alone, to see what the broker's second delivery of every message costs).
 */
public final class NullSubscriber {

    public static void main(String[] args) throws MqttException {
        long expected = Long.parseLong(args[3]);
        AtomicLong durable = new AtomicLong();
        MqttAsyncClient store = subscriber(args[0], args[1], args[2], "null-store", false, 1, () -> {
            if (durable.incrementAndGet() == expected) {
                System.out.println("done");
            }
        });
        MqttAsyncClient live = args[4].equals("live") ? subscriber(args[0], args[1], args[2], "null-live", true, 0, () -> { }) : null;
        System.out.println("ready");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                store.disconnectForcibly(0, 1000); // no quiescing: the benchmark is done with it
                if (live != null) {
                    live.disconnectForcibly(0, 1000);
                }
            } catch (MqttException e) {
                // exiting anyway
            }
        }));
    }

    /**
     * A subscriber to {@code pantau/v1/#} that reads as Pantau's sessions do (buffered, 2,000 in flight), acknowledges
     * on arrival and runs {@code arrived} for each message.
     */
    static MqttAsyncClient subscriber(String url, String user, String password, String id, boolean clean, int qos,
            Runnable arrived) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setCleanSession(clean);
        o.setMaxInflight(2000);
        o.setSocketFactory(BufferedSockets.INSTANCE); // as Pantau's sessions read
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                System.out.println("lost " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived.run();
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        c.connect(o).waitForCompletion(10_000);
        c.subscribe("pantau/v1/#", qos).waitForCompletion(10_000);
        return c;
    }
}
