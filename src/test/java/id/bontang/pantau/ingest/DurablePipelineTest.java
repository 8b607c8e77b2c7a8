package id.bontang.pantau.ingest;

import id.bontang.pantau.broker.Delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.store.BatchWriter;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.ProxiedPostgresResource;
import id.bontang.pantau.support.Ready;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * The durable pipeline (decode, validate, batch, commit, acknowledge) with SmallRye's in-memory connector in place
 * of the Paho sessions, against the machine's PostgreSQL through a proxy that the test can cut. The sessions
 * themselves are tested against a real Mosquitto (BrokerRestartIT, StorageTest).
 */
@QuarkusTest
@TestProfile(DurablePipelineTest.InMemory.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(ProxiedPostgresResource.class)
class DurablePipelineTest {

    static final int MAX_PENDING = 50;
    static final String TOPIC = "pantau/v1/devices/trf-bhayangkara/telemetry";

    public static class InMemory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.durable.connector", "smallrye-in-memory",
                    "pantau.store.max-pending", String.valueOf(MAX_PENDING));
        }
    }

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    BatchWriter writer;

    /** What became of each message sent: "ack" or "nack", with what the database held at that moment. */
    final List<String> outcomes = new CopyOnWriteArrayList<>();

    private static final AtomicLong clock = new AtomicLong(Instant.now().minus(Duration.ofHours(3)).toEpochMilli());

    private static Postgres db() {
        return ProxiedPostgresResource.postgres();
    }

    private InMemorySource<Message<Delivery>> source() {
        return connector.source(DurablePipeline.SOURCE);
    }

    /** A message whose ack records whether its row was in the database when it was acknowledged. */
    private Message<Delivery> message(String name, String topic, String payload, long ts) {
        byte[] bytes = payload == null ? null : payload.getBytes(StandardCharsets.UTF_8);
        long identity = bytes == null ? 0 : Identity.message(topic, bytes);
        return Message.of(new Delivery(topic, bytes, identity, Instant.now()), () -> {
            long stored = db().number("SELECT count(*) FROM reading WHERE device_id = 'trf-bhayangkara' AND time = "
                    + "TIMESTAMPTZ 'epoch' + " + ts + " * INTERVAL '1 millisecond'");
            outcomes.add(name + " ack " + stored);
            return CompletableFuture.completedFuture(null);
        }, e -> {
            outcomes.add(name + " nack");
            return CompletableFuture.completedFuture(null);
        });
    }

    private Message<Delivery> reading(String name) {
        long ts = clock.addAndGet(1000);
        return message(name, TOPIC, "{\"ts\": " + ts + ", \"values\": {\"vehicles\": 3, \"speed_kmh\": 41}}", ts);
    }

    @Test
    void verifiesThatEachMessageIsAcknowledgedAfterItsReadingsCommitAndInArrivalOrder() {
        Ready.await();
        List<String> names = IntStream.range(0, 1000).mapToObj(i -> "m" + i).toList();
        names.forEach(n -> source().send(reading(n)));
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == names.size());
        // Both values of each message were in the database when its acknowledgement went out, in the order sent.
        assertThat(outcomes).containsExactlyElementsOf(names.stream().map(n -> n + " ack 2").toList());
    }

    @Test
    void verifiesThatAFailingMessageIsNackedAloneAndARefusedOneIsAcknowledgedAsADeadLetter() {
        Ready.await();
        long deadLetters = db().number("SELECT count(*) FROM dead_letter WHERE reason = 'malformed-payload'");
        source().send(reading("before"));
        source().send(message("broken", TOPIC, null, 0)); // no payload at all: decoding throws
        source().send(message("refused", TOPIC, "{not json", 0));
        source().send(reading("after"));
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == 4);
        // The broken one is nacked at once; the others are acknowledged after their commits, in order.
        assertThat(outcomes).contains("broken nack");
        assertThat(outcomes).filteredOn(o -> o.contains(" ack ")).containsExactly("before ack 2", "refused ack 0", "after ack 2");
        assertThat(db().number("SELECT count(*) FROM dead_letter WHERE reason = 'malformed-payload'")).isEqualTo(deadLetters + 1);
    }

    @Test
    void verifiesThatThePipelineHoldsNoMoreThanMaxPendingMessagesWhileTheDatabaseIsAway() {
        Ready.await();
        ProxiedPostgresResource.proxy().cut();
        try {
            IntStream.range(0, 300).forEach(i -> source().send(reading("p" + i)));
            // The writer has taken exactly max-pending messages (two readings each); the rest wait upstream,
            // which for the Paho sessions means unread at the broker.
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.backlog() == 2L * MAX_PENDING);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> writer.backlog() == 2L * MAX_PENDING);
            assertThat(outcomes).isEmpty();
        } finally {
            ProxiedPostgresResource.proxy().restore();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.size() == 300);
        assertThat(outcomes).allMatch(o -> o.endsWith(" ack 2"));
        assertThat(writer.backlog()).isZero();
    }
}
