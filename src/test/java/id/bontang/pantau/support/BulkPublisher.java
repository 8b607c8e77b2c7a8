package id.bontang.pantau.support;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Many QoS 1 messages quickly: an asynchronous Paho client with a window of messages in flight. */
public final class BulkPublisher implements AutoCloseable {

    private static final int WINDOW = 500;
    private final MqttAsyncClient client;
    private final Semaphore window = new Semaphore(WINDOW);

    public BulkPublisher(String url) {
        try {
            client = new MqttAsyncClient(url, "bulk-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(Mosquitto.TESTER); // ignored by brokers that let anyone in
            o.setPassword(Mosquitto.TESTER_PASSWORD.toCharArray());
            o.setMaxInflight(WINDOW);
            client.connect(o).waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    public void publish(String topic, String payload) {
        try {
            if (!window.tryAcquire(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker acknowledged nothing for 60 s");
            }
            MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            client.publish(topic, m, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    window.release();
                }
            });
        } catch (InterruptedException | MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the broker has acknowledged everything published (at most a minute). */
    public void flush() {
        try {
            if (!window.tryAcquire(WINDOW, 60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException((WINDOW - window.availablePermits()) + " messages still unacknowledged after 60 s");
            }
            window.release(WINDOW);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        flush();
        try {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        } catch (MqttException e) {
            // gone already
        }
    }
}
