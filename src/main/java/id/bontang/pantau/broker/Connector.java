package id.bontang.pantau.broker;

import id.bontang.pantau.api.Backoff;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Keeps trying a client's first connection, with the {@link Backoff}. Paho's automatic reconnect only takes over
 * once a client has been connected, and a broker that is not up yet must not stop Pantau from starting.
 */
public final class Connector {

    private Connector() {
    }

    public static void connect(MqttAsyncClient client, MqttConnectOptions options) {
        Backoff.retried(Uni.createFrom().<Void>emitter(done -> attempt(client, options, done::complete, done::fail))
                .onFailure().invoke(e -> Log.warnf("MQTT: %s cannot connect to %s (%s); retrying, at most %d s apart",
                        client.getClientId(), client.getServerURI(), e.getMessage(), Backoff.MAX.toSeconds())))
                .subscribe().with(ok -> {
                }, e -> Log.debugf("MQTT: %s connection given up: %s", client.getClientId(), e.getMessage()));
    }

    /** One connection attempt: done when connected (or no longer to be connected), failed when it should be tried again. */
    private static void attempt(MqttAsyncClient client, MqttConnectOptions options, java.util.function.Consumer<Void> done,
            java.util.function.Consumer<Throwable> failed) {
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.accept(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    if (client.isConnected()) {
                        done.accept(null);
                    } else {
                        failed.accept(e);
                    }
                }
            });
        } catch (MqttException e) {
            switch (e.getReasonCode()) {
                case MqttException.REASON_CODE_CLIENT_CONNECTED, MqttException.REASON_CODE_CONNECT_IN_PROGRESS,
                        MqttException.REASON_CODE_CLIENT_CLOSED, MqttException.REASON_CODE_CLIENT_DISCONNECTING -> done.accept(null);
                default -> {
                    if (client.isConnected()) {
                        done.accept(null);
                    } else {
                        failed.accept(e);
                    }
                }
            }
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
}
