package id.bontang.pantau.broker;

import io.quarkus.logging.Log;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

/**
 * Takes in hand a durable session that stays away or unsubscribed after a broker restart, since its queue must
 * drain: one connected but not subscribed for 5 s subscribes again; one away for 10 s gets a new client under the
 * same id, which finds its session at the broker. Seen in test runs after a broker restart: one of 32 Paho clients
 * never connected again (its own reconnection stalled, and {@code reconnect()} did nothing), and its queue waited.
 */
final class SessionWatchdog {

    private SessionWatchdog() {
    }

    /** Called every few seconds for each session. */
    static void check(DurableSession s) {
        long now = System.currentTimeMillis();
        MqttAsyncClient c = s.client();
        if (c.isConnected() && !s.confirmed() && now - s.since() > 5_000) {
            Log.warnf("MQTT: %s connected %d s ago and still not subscribed; subscribing again", c.getClientId(),
                    (now - s.since()) / 1000);
            s.resubscribe(now);
        } else if (!c.isConnected() && s.subscribedOnce() && now - s.since() > 10_000) {
            Log.warnf("MQTT: %s away for %d s; connecting again with a new client", c.getClientId(), (now - s.since()) / 1000);
            s.replaceClient(now);
        }
    }
}
