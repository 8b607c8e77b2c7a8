package id.bontang.pantau.broker;

import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Keeps trying a client's first connection. Paho's automatic reconnect only takes over once a client has
 * been connected, and a broker that is not up yet must not stop Pantau from starting.
 */
public final class Connector {

    private static final ScheduledExecutorService RETRY = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-connect-retry");
        t.setDaemon(true);
        return t;
    });

    private Connector() {
    }

    public static void connect(MqttAsyncClient client, MqttConnectOptions options) {
        attempt(client, options, 500);
    }

    private static void attempt(MqttAsyncClient client, MqttConnectOptions options, long delayMillis) {
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retry(client, options, delayMillis, e);
                }
            });
        } catch (MqttException e) {
            switch (e.getReasonCode()) {
                case MqttException.REASON_CODE_CLIENT_CONNECTED, MqttException.REASON_CODE_CONNECT_IN_PROGRESS,
                        MqttException.REASON_CODE_CLIENT_CLOSED, MqttException.REASON_CODE_CLIENT_DISCONNECTING -> {
                    return;
                }
                default -> {
                }
            }
            retry(client, options, delayMillis, e);
        }
    }

    /** Disconnects clients all at once (at most two seconds in all), then closes them. */
    public static void closeAll(Collection<MqttAsyncClient> clients) {
        List<IMqttToken> leaving = new ArrayList<>();
        for (MqttAsyncClient c : clients) {
            try {
                leaving.add(c.disconnect(0));
            } catch (MqttException e) {
                Log.debugf("MQTT: %s: %s", c.getClientId(), e.getMessage());
            }
        }
        long deadline = System.currentTimeMillis() + 2_000;
        for (IMqttToken t : leaving) {
            try {
                t.waitForCompletion(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (MqttException e) {
                Log.debugf("MQTT: disconnect: %s", e.getMessage());
            }
        }
        for (MqttAsyncClient c : clients) {
            try {
                c.close(true);
            } catch (MqttException e) {
                Log.debugf("MQTT: close %s: %s", c.getClientId(), e.getMessage());
            }
        }
    }

    private static void retry(MqttAsyncClient client, MqttConnectOptions options, long delayMillis, Throwable e) {
        if (client.isConnected()) {
            return;
        }
        Log.warnf("MQTT: %s cannot connect to %s (%s); retrying in %d ms", client.getClientId(), client.getServerURI(),
                e.getMessage(), delayMillis);
        RETRY.schedule(() -> attempt(client, options, Math.min(delayMillis * 2, 5_000)), delayMillis, TimeUnit.MILLISECONDS);
    }
}
