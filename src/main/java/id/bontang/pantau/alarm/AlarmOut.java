package id.bontang.pantau.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.broker.OutgoingMqtt.Destination;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Every alarm change out of Pantau, on the {@value #CHANNEL} channel: {@code pantau/v1/alarms/{id}}, the alarm object
 * as JSON, retained while the alarm is open; when it closes, the closed alarm once and then an empty retained
 * message, so that a siren or the 112 dispatch subscribing later finds exactly the open alarms.
 */
@ApplicationScoped
public class AlarmOut {

    static final String CHANNEL = "alarms-out";
    public static final String TOPIC = "pantau/v1/alarms/";

    private final Emitter<byte[]> emitter;
    private final ObjectMapper json;

    @Inject
    public AlarmOut(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000) Emitter<byte[]> emitter,
            ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    void publish(List<Alarm> changed) {
        for (Alarm a : changed) {
            String topic = TOPIC + a.id();
            emitter.send(Message.of(encode(a)).addMetadata(new Destination(topic, a.open())));
            if (!a.open()) {
                emitter.send(Message.of(new byte[0]).addMetadata(new Destination(topic, true)));
            }
        }
    }

    private byte[] encode(Alarm a) {
        try {
            return json.writeValueAsBytes(a);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alarm not encodable", e);
        }
    }
}
