package id.bontang.pantau.broker;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.providers.helpers.MultiUtils;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * An outgoing SmallRye Reactive Messaging connector ({@value #CONNECTOR}) that publishes to Pantau's broker with
 * Paho, QoS 1, the topic and retain flag of each message's {@link Destination}. While the broker is away, Paho's
 * disconnected buffer keeps up to {@value #BUFFER} messages in order and sends them when it is back.
 */
@ApplicationScoped
@org.eclipse.microprofile.reactive.messaging.spi.Connector(OutgoingMqtt.CONNECTOR)
public class OutgoingMqtt implements OutboundConnector {

    public static final String CONNECTOR = "pantau-mqtt-out";
    static final int BUFFER = 10_000;

    /** Where a message goes: its topic, and whether the broker keeps it for later subscribers. */
    public record Destination(String topic, boolean retained) {
    }

    private final Broker broker;
    private final List<MqttAsyncClient> clients = new CopyOnWriteArrayList<>();

    public OutgoingMqtt(Broker broker) {
        this.broker = broker;
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        String channel = config.getOptionalValue("channel-name", String.class).orElse("out");
        MqttAsyncClient client = broker.client("out-" + channel, false);
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(BUFFER);
        buffer.setPersistBuffer(false);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
        clients.add(client);
        org.eclipse.paho.client.mqttv3.MqttConnectOptions options = broker.options(true);
        options.setMaxInflight(1000); // Paho's default of 10 would refuse a burst of alarm changes
        Connector.connect(client, options);
        return MultiUtils.via(multi -> multi.onItem().transformToUniAndConcatenate(m -> publish(client, m)));
    }

    /** Acknowledged once Paho holds the message (sent, or buffered while disconnected); refused when it cannot. */
    private static Uni<Void> publish(MqttAsyncClient client, Message<?> m) {
        Destination d = m.getMetadata(Destination.class).orElse(null);
        if (d == null) {
            return Uni.createFrom().completionStage(m.nack(new IllegalArgumentException("no Destination metadata")));
        }
        Object p = m.getPayload();
        byte[] payload = p instanceof byte[] b ? b : String.valueOf(p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            client.publish(d.topic(), payload, 1, d.retained());
            return Uni.createFrom().completionStage(m.ack());
        } catch (MqttException e) {
            Log.warnf("MQTT: %s not published (%s)", d.topic(), e.getMessage());
            return Uni.createFrom().completionStage(m.nack(e));
        }
    }

    @PreDestroy
    void stop() {
        Connector.closeAll(clients);
    }
}
