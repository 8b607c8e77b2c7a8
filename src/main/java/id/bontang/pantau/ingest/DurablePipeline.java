package id.bontang.pantau.ingest;

import id.bontang.pantau.broker.Delivery;
import id.bontang.pantau.broker.DurableSubscription;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.store.BatchWriter;
import id.bontang.pantau.store.StoreConfig;
import id.bontang.pantau.store.StoredRejection;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * The durable path as a SmallRye Reactive Messaging pipeline: the {@value #SOURCE} channel (the persistent
 * sessions of {@link DurableSubscription}, one {@code Message} per MQTT message, acknowledged by PUBACK) is
 * decoded and validated here, then written by the {@link BatchWriter}, which gathers submissions into batches
 * by size and by time. Each message is acknowledged once its batch has committed; batches commit in order, so
 * acknowledgements go out in arrival order. A message whose handling fails is nacked, which leaves it
 * unacknowledged at the broker for redelivery, and the stream goes on. The writer asks for at most
 * {@code pantau.store.max-pending} messages not yet committed: past that the sessions' Paho threads wait, and
 * the broker keeps the rest.
 */
@ApplicationScoped
public class DurablePipeline {

    public static final String SOURCE = "durable";
    static final String DECODED = "durable-readings";

    /**
     * A message's readings and the refusals to keep as dead letters.
     *
     * @param statuses a retained status sent again because the session subscribed (at every start): stored only
     *                 when it differs from the device's last stored status, so that it is not stored once per start
     */
    public record Decoded(List<Reading> readings, List<StoredRejection> rejections, List<Reading> statuses) {
    }

    /** Stands for a message that was nacked: filtered out of the stream. */
    private static final Message<Decoded> SKIPPED = Message.of(new Decoded(List.of(), List.of(), List.of()));

    private final Ingest ingest;
    private final BatchWriter writer;
    private final int maxPending;

    public DurablePipeline(Ingest ingest, BatchWriter writer, StoreConfig config) {
        this.ingest = ingest;
        this.writer = writer;
        this.maxPending = config.maxPending();
    }

    /**
     * Decoding and validation, on the thread that took the message. A message whose handling throws is nacked
     * here and left out: a failure thrown into the stream would end it for every message after it.
     */
    @Incoming(SOURCE)
    @Outgoing(DECODED)
    public Multi<Message<Decoded>> decode(Multi<Message<Delivery>> messages) {
        return messages.map(this::decoded).filter(m -> m != SKIPPED);
    }

    private Message<Decoded> decoded(Message<Delivery> message) {
        try {
            Delivery d = message.getPayload();
            List<StoredRejection> rejected = new ArrayList<>(0);
            List<Reading> readings = ingest.durable(d.topic(), d.payload(), d.identity(), d.received(), d.retained(),
                    (source, r) -> rejected.add(ingest.stored(d.received(), d.topic(), source, r, d.payload())));
            boolean again = d.retained() && Topic.status(d.topic());
            return message.withPayload(again ? new Decoded(List.of(), rejected, readings) : new Decoded(readings, rejected, List.of()));
        } catch (RuntimeException e) {
            message.nack(e);
            return SKIPPED;
        }
    }

    /** The writer: a bounded number of messages in flight, each acknowledged after its batch commits. */
    @Incoming(DECODED)
    public Flow.Subscriber<Message<Decoded>> store() {
        return new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            /** Messages committed (or failed) whose places are not yet asked for again. */
            private final AtomicLong freed = new AtomicLong();

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(maxPending);
            }

            @Override
            public void onNext(Message<Decoded> m) {
                writer.submit(m.getPayload().readings(), m.getPayload().rejections(), m.getPayload().statuses()).whenComplete((taken, e) -> {
                    if (e == null) {
                        m.ack();
                    } else {
                        m.nack(e);
                    }
                    if (freed.getAndIncrement() == 0) {
                        Infrastructure.getDefaultExecutor().execute(this::askAgain); // Quarkus' worker pool
                    }
                });
            }

            /**
             * Asks for as many messages as were freed, off the writer's thread: a request drains the messages waiting
             * upstream and decodes them on the requesting thread, which on the writer's would put decoding behind
             * every commit (seen in a profile). One request for a whole batch, not one per message. Synchronized: a
             * subscription's requests must come one at a time (Reactive Streams 2.7), whichever worker makes them.
             */
            private synchronized void askAgain() {
                long n = freed.getAndSet(0);
                if (n > 0) {
                    subscription.request(n);
                }
            }

            @Override
            public void onError(Throwable e) {
                Log.errorf(e, "The durable pipeline stopped: nothing more is stored until Pantau restarts");
            }

            @Override
            public void onComplete() {
                Log.debug("The durable pipeline completed");
            }
        };
    }
}
