package id.bontang.pantau.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.reading.Identity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The live and the durable copy of one MQTT message are paired, in either order, whatever repeats. */
class OverlapTest {

    private static final String TOPIC = "pantau/v1/feeds/call112";
    private static final byte[] CALL = "{\"values\":{\"calls\":1}}".getBytes();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Overlap overlap(int capacity) {
        return new Overlap(new IngestConfig() {
            public int maxPayloadSize() {
                return 65536;
            }

            public Duration maxFuture() {
                return Duration.ofMinutes(5);
            }

            public Duration retention() {
                return Duration.ofDays(90);
            }

            public int deadLetters() {
                return 10;
            }

            public Duration overlapHorizon() {
                return Duration.ofHours(1);
            }

            public int overlapCapacity() {
                return capacity;
            }
        }, registry);
    }

    @Test
    void verifiesThatTheSecondCopyIsRecognisedAndGetsTheFirstCopysTime() {
        Overlap o = overlap(1000);
        long id = Identity.message(TOPIC, CALL);
        assertThat(o.arrived(id, Overlap.Path.LIVE, 1000)).as("first: apply").isNull();
        assertThat(o.arrived(id, Overlap.Path.DURABLE, 1007)).as("second: the first one's time").isEqualTo(1000);
        assertThat(o.arrived(id, Overlap.Path.DURABLE, 2000)).as("a later identical message is new").isNull();
        assertThat(o.arrived(id, Overlap.Path.LIVE, 2003)).isEqualTo(2000);
    }

    @Test
    void verifiesThatTwentyIdenticalMessagesOnEachPathAreTwentyEvents() {
        Overlap o = overlap(1000);
        long id = Identity.message(TOPIC, CALL);
        int applied = 0;
        for (int i = 0; i < 20; i++) {
            applied += o.arrived(id, Overlap.Path.LIVE, 1000 + i) == null ? 1 : 0;
        }
        for (int i = 0; i < 20; i++) {
            applied += o.arrived(id, Overlap.Path.DURABLE, 1100 + i) == null ? 1 : 0;
        }
        assertThat(applied).isEqualTo(20);
        // One of twenty lost on the QoS 0 live path: the durable copy brings it.
        for (int i = 0; i < 19; i++) {
            applied += o.arrived(id, Overlap.Path.LIVE, 2000 + i) == null ? 1 : 0;
        }
        for (int i = 0; i < 20; i++) {
            applied += o.arrived(id, Overlap.Path.DURABLE, 2100 + i) == null ? 1 : 0;
        }
        assertThat(applied).isEqualTo(40);
    }

    @Test
    void verifiesThatADurableCopyThatCameFirstWaitsAMinuteAndALiveOneWaitsTheHorizon() {
        Overlap o = overlap(1000);
        long backlog = Identity.message(TOPIC, "{\"values\":{\"calls\":3}}".getBytes());
        long live = Identity.message(TOPIC, CALL);
        assertThat(o.arrived(backlog, Overlap.Path.DURABLE, 0)).as("published while Pantau was down: no live copy comes")
                .isNull();
        assertThat(o.arrived(live, Overlap.Path.LIVE, 0)).isNull();
        long later = 30 * 60_000; // half an hour: the durable path waited for the database
        assertThat(o.arrived(live, Overlap.Path.DURABLE, later)).as("the live copy still waits").isEqualTo(0);
        assertThat(o.arrived(backlog, Overlap.Path.LIVE, later)).as("the backlog's entry is gone long since").isNull();
        assertThat(registry.get(Overlap.FORGOTTEN).functionCounter().count()).isZero();
    }

    @Test
    void verifiesThatDifferentTopicsOrBytesAreDifferentMessages() {
        assertThat(Identity.message(TOPIC, CALL)).isNotEqualTo(Identity.message("pantau/v1/feeds/umkm", CALL));
        assertThat(Identity.message(TOPIC, CALL)).isNotEqualTo(Identity.message(TOPIC, "{\"values\":{\"calls\":2}}".getBytes()));
    }

    @Test
    void verifiesThatWaitingMessagesAreBoundedAndWhatIsForgottenIsCounted() {
        Overlap o = overlap(400);
        for (int i = 0; i < 10_000; i++) {
            o.arrived(Identity.message(TOPIC, ("{\"values\":{\"calls\":" + i + "}}").getBytes()), Overlap.Path.LIVE, 1000 + i);
        }
        assertThat(registry.get(Overlap.WAITING).gauge().value()).isLessThanOrEqualTo(400);
        assertThat(registry.get(Overlap.FORGOTTEN).functionCounter().count())
                .isEqualTo(10_000 - registry.get(Overlap.WAITING).gauge().value());
        assertThat(o.arrived(Identity.message(TOPIC, "{\"values\":{\"calls\":9999}}".getBytes()), Overlap.Path.DURABLE, 20_000))
                .as("the newest still wait").isEqualTo(10_999);
        assertThat(o.arrived(Identity.message(TOPIC, "{\"values\":{\"calls\":0}}".getBytes()), Overlap.Path.DURABLE, 20_000))
                .as("the oldest were forgotten").isNull();
    }
}
