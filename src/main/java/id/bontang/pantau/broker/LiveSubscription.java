package id.bontang.pantau.broker;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The live path: a clean-session subscription to the devices' and feeds' topics ({@link Topic#INPUTS}) that feeds the wall and never waits for
 * the database, at QoS 0 on an external broker ({@link Broker#liveQos()}). Paho rather than the SmallRye connector, so
 * that an oversized or malformed message costs one rejection and never the connection or the channel.
 */
@Startup
@Singleton
public class LiveSubscription implements MqttCallbackExtended {

    private final Broker broker;
    private final LiveInbox ingest;
    private final BrokerSys sys;
    private final Receivers receivers;
    private final id.bontang.pantau.catalog.LiveCatalog catalog;
    private MqttAsyncClient client;
    private volatile boolean subscribed;

    public LiveSubscription(Broker broker, LiveInbox ingest, BrokerSys sys, Receivers receivers,
            id.bontang.pantau.catalog.LiveCatalog catalog) {
        this.receivers = receivers;
        this.catalog = catalog;
        catalog.listen((before, after, version) -> follow(Topics.connectors(before), Topics.connectors(after)));
        this.broker = broker;
        this.ingest = ingest;
        this.sys = sys;
    }

    @PostConstruct
    void start() {
        client = broker.client("live", false);
        client.setCallback(this);
        Connector.connect(client, broker.options(true));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // A clean session forgets its subscriptions: subscribe on every (re)connection.
        int qos = broker.liveQos();
        List<String> filters = new ArrayList<>(Topics.INPUTS);
        filters.add(Topics.RELAYED);
        filters.addAll(Topics.connectors(catalog.current()));
        filters.add(BrokerSys.DROPPED_TOPIC);
        filters.add(BrokerSys.STORED_TOPIC);
        int[] qoss = new int[filters.size()];
        Arrays.fill(qoss, qos);
        try {
            client.subscribe(filters.toArray(String[]::new), qoss, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                @Override
                public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                    if (!subscribed) {
                        receivers.subscribed();
                    }
                    subscribed = true;
                    Log.infof("MQTT: live subscription to %s on %s%s", filters.subList(0, filters.size() - 2), serverUri,
                            reconnect ? " (reconnected)" : "");
                }

                @Override
                public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable e) {
                    Log.errorf("MQTT: live subscription to %s refused: %s", Topics.INPUTS, e.getMessage());
                }
            });
        } catch (MqttException e) {
            Log.errorf("MQTT: cannot subscribe to %s: %s", Topics.INPUTS, e.getMessage());
        }
    }

    /** A connector added or removed while connected: its topics subscribed or left (a reconnection takes the catalog's). */
    private void follow(List<String> before, List<String> after) {
        List<String> gone = before.stream().filter(f -> !after.contains(f)).toList();
        List<String> added = after.stream().filter(f -> !before.contains(f)).toList();
        try {
            if (!gone.isEmpty() && client.isConnected()) {
                client.unsubscribe(gone.toArray(String[]::new));
            }
            if (!added.isEmpty() && client.isConnected()) {
                int[] qoss = new int[added.size()];
                Arrays.fill(qoss, broker.liveQos());
                client.subscribe(added.toArray(String[]::new), qoss);
                Log.infof("MQTT: live subscription takes on the connectors' topics %s", added);
            }
        } catch (MqttException e) {
            Log.warnf("MQTT: live subscription could not follow the connectors' topics (%s); at the next connection it will",
                    e.getMessage());
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        subscribed = false;
        Log.warnf("MQTT: live connection to %s lost (%s); reconnecting", broker.url(), cause.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try {
            if (topic.startsWith("$SYS/")) {
                sys.update(topic, message.getPayload());
                return;
            }
            // The retain flag is set only on a retained message sent because of a subscription (at every
            // reconnection); a retained message published while subscribed is forwarded without it.
            ingest.mqtt(topic, message.getPayload(), message.isRetained());
        } catch (RuntimeException e) {
            // Paho drops the connection when a callback throws; one message must never cost that.
            Log.errorf(e, "Unexpected failure on a message of %s", topic);
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    /** Connected and subscribed. */
    public boolean isLive() {
        return subscribed && client.isConnected();
    }

    /** The client's id (tests take its place at the broker to cut it off). */
    public String clientId() {
        return client.getClientId();
    }

    @PreDestroy
    void stop() {
        try {
            client.disconnectForcibly(0, 1000, true);
            client.close(true);
        } catch (MqttException e) {
            Log.debugf("MQTT: live client close: %s", e.getMessage());
        }
    }
}
