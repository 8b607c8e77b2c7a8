package id.bontang.pantau.broker;

import id.bontang.pantau.api.Backoff;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.providers.helpers.MultiUtils;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * An outgoing SmallRye Reactive Messaging connector ({@value #CONNECTOR}), the one way Pantau publishes to its broker:
 * Paho, QoS 1, the topic and retain flag of each message's {@link Destination}, one message after the other in the
 * order sent. By default a message is acknowledged once Paho holds it: while the broker is away, Paho's disconnected
 * buffer keeps up to {@value #BUFFER} messages in order and sends them when it is back (the alarms). A message
 * {@link Confirmed} is acknowledged only once the broker has taken it (its PUBACK), tried again with the
 * {@link Backoff} until then, and the messages after it wait (the feed relay). A payload is a {@code byte[]}, a
 * {@code Supplier<byte[]>} (read when it is published; null: withdrawn, acknowledged without being published) or
 * text.
 */
@ApplicationScoped
@org.eclipse.microprofile.reactive.messaging.spi.Connector(OutgoingMqtt.CONNECTOR)
public class OutgoingMqtt implements OutboundConnector {

    public static final String CONNECTOR = "pantau-mqtt-out";
    static final int BUFFER = 10_000;

    /** Where a message goes: its topic, and whether the broker keeps it for later subscribers. */
    public record Destination(String topic, boolean retained) {
    }

    /**
     * Metadata of a message that must reach the broker: acknowledged after its PUBACK, published again (after the
     * {@link Backoff}) while the broker is away or has not answered within {@link #TIMEOUT}.
     *
     * @param retried told of each failed attempt, before the next
     */
    public record Confirmed(Runnable retried) {
    }

    /** How long a {@link Confirmed} message waits for its PUBACK before it is published again. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Broker broker;
    private final List<MqttAsyncClient> clients = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

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
        return MultiUtils.via(multi -> multi.onItem().transformToUniAndConcatenate(m -> m.getMetadata(Confirmed.class)
                .map(c -> confirmed(client, m, c)).orElseGet(() -> publish(client, m))));
    }

    private static byte[] bytes(Object p) {
        if (p instanceof Supplier<?> s) {
            return (byte[]) s.get();
        }
        return p instanceof byte[] b ? b : String.valueOf(p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Published until the broker acknowledges it, then acknowledged; the next message waits until then. */
    private Uni<Void> confirmed(MqttAsyncClient client, Message<?> m, Confirmed confirmed) {
        Destination d = m.getMetadata(Destination.class).orElse(null);
        if (d == null) {
            return Uni.createFrom().completionStage(m.nack(new IllegalArgumentException("no Destination metadata")));
        }
        Uni<Void> attempt = Uni.createFrom().<Void>emitter(done -> {
            if (stopped) {
                done.fail(new java.util.concurrent.CancellationException("Pantau is stopping"));
                return;
            }
            byte[] payload = bytes(m.getPayload());
            if (payload == null) {
                done.complete(null); // withdrawn while it waited
                return;
            }
            if (!client.isConnected()) { // not into Paho's buffer: every attempt would leave a copy there
                done.fail(new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED));
                return;
            }
            try {
                client.publish(d.topic(), payload, 1, d.retained(), null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        done.complete(null);
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        done.fail(e);
                    }
                });
            } catch (MqttException e) {
                done.fail(e);
            }
        }).ifNoItem().after(TIMEOUT).fail().onFailure().invoke(e -> {
            Log.debugf("MQTT: %s not taken by the broker yet (%s); trying again", d.topic(), e.getMessage());
            confirmed.retried().run();
        });
        return Backoff.retried(attempt, e -> !stopped).chain(() -> Uni.createFrom().completionStage(m.ack()));
    }

    /** Acknowledged once Paho holds the message (sent, or buffered while disconnected); refused when it cannot. */
    private static Uni<Void> publish(MqttAsyncClient client, Message<?> m) {
        Destination d = m.getMetadata(Destination.class).orElse(null);
        if (d == null) {
            return Uni.createFrom().completionStage(m.nack(new IllegalArgumentException("no Destination metadata")));
        }
        byte[] payload = bytes(m.getPayload());
        if (payload == null) {
            return Uni.createFrom().completionStage(m.ack());
        }
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
        stopped = true;
        Connector.closeAll(clients);
    }
}
