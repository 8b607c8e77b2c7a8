package id.bontang.pantau.broker;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * A durable session's Paho client (persistent, acknowledged by hand), which {@link SessionWatchdog} may replace by
 * a new one under the same client id. Only the current client speaks for the session. A client it replaced may
 * still reconnect (Paho cannot close one in the middle of connecting) and, under the same client id, would take
 * the session over from the new one, and back: seen in a test run as a session lost every second.
 */
final class SessionClient {

    private final Broker broker;
    private final String role;
    private final MqttCallbackExtended session;
    private volatile MqttAsyncClient current;

    SessionClient(Broker broker, String role, MqttCallbackExtended session) {
        this.broker = broker;
        this.role = role;
        this.session = session;
        this.current = create();
    }

    MqttAsyncClient get() {
        return current;
    }

    /** The first connection, tried until it succeeds; Paho reconnects by itself after that. */
    void connect() {
        Connector.connect(current, broker.options(false));
    }

    /** Closes the current client and connects a new one, which finds the session at the broker. */
    void replace() {
        Connector.closeAll(List.of(current));
        current = create();
        connect();
    }

    private MqttAsyncClient create() {
        MqttAsyncClient c = broker.client(role, true);
        c.setManualAcks(true);
        c.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                if (c == current) {
                    session.connectComplete(reconnect, serverUri);
                } else {
                    Log.infof("MQTT: a replaced client of %s connected again; closing it", c.getClientId());
                    Infrastructure.getDefaultExecutor().execute(() -> Connector.closeAll(List.of(c))); // not on Paho's own thread
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                if (c == current) {
                    session.connectionLost(cause);
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                if (c == current) {
                    session.messageArrived(topic, message);
                } // else unacknowledged: the broker delivers it again to the current client
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        return c;
    }
}
