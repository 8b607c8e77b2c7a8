package id.bontang.pantau.broker;

import java.time.Instant;

/**
 * One message of the durable subscription, as its session took it: the payload of a {@code Message} on the
 * durable pipeline's source channel ({@code ingest/DurablePipeline}), whose acknowledgement is the MQTT one.
 *
 * @param identity the message's {@link id.bontang.pantau.reading.Identity#message}, computed once by its session
 * @param retained the retain flag: a retained message the broker sent because the session subscribed (again)
 */
public record Delivery(String topic, byte[] payload, long identity, Instant received, boolean retained) {

    public Delivery(String topic, byte[] payload, long identity, Instant received) {
        this(topic, payload, identity, received, false);
    }
}
