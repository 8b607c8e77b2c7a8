package id.bontang.pantau.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A sensor gateway as they are in the field: a steady stream of QoS 1 readings, each with its own time, that
 * reconnects by itself, waits with its next reading while the broker is away, and resends what the broker had
 * not acknowledged (a persistent session). Counts what the broker acknowledged.
 */
public final class SteadyPublisher implements AutoCloseable {

    private static final String[] ROADS = {"ahmad-yani", "mt-haryono", "soekarno-hatta", "bhayangkara"};

    private final MqttAsyncClient client;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String refusal = "none";

    /** {@code rate} messages a second, two values each, times from {@code first} on, 1 ms apart per road. */
    public SteadyPublisher(String url, int rate, long first) {
        try {
            client = new MqttAsyncClient(url, "gateway-steady", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(Mosquitto.TESTER);
            o.setPassword(Mosquitto.TESTER_PASSWORD.toCharArray());
            o.setCleanSession(false);
            o.setAutomaticReconnect(true);
            o.setMaxReconnectDelay(500);
            o.setMaxInflight(1000);
            client.connect(o).waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        thread = new Thread(() -> run(rate, first), "steady-publisher");
        thread.start();
    }

    private void run(int rate, long first) {
        long t0 = System.nanoTime();
        for (long i = 0; running; i++) {
            long wait = t0 + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // pacing at the requested rate
            }
            String payload = "{\"ts\":" + (first + i / 4) + ",\"values\":{\"vehicles\":" + i % 50 + ",\"speed_kmh\":"
                    + (20 + i % 40) + "}}";
            MqttMessage m = new MqttMessage(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            m.setQos(1);
            while (running) {
                try {
                    client.publish("pantau/v1/devices/trf-" + ROADS[(int) (i % 4)] + "/telemetry", m, null, new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            acknowledged.incrementAndGet();
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                        }
                    });
                    published.incrementAndGet();
                    break;
                } catch (MqttException e) {
                    refusal = e.getReasonCode() + " " + e.getMessage();
                    LockSupport.parkNanos(1_000_000); // away, or too many in flight: the gateway waits a moment
                }
            }
        }
    }

    /** Messages the broker has acknowledged (PUBACK): those it answers for. */
    public long acknowledged() {
        return acknowledged.get();
    }

    public long published() {
        return published.get();
    }

    @Override
    public String toString() {
        return "gateway: published " + published + ", acknowledged " + acknowledged + ", last refusal " + refusal;
    }

    /** Stops publishing and waits until the broker acknowledged all that was published (at most {@code within}). */
    public void finish(Duration within) {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (acknowledged.get() < published.get() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000); // the last acknowledgements
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            client.disconnectForcibly(0, 1000);
            client.close();
        } catch (MqttException e) {
            // gone already
        }
    }
}
