package id.bontang.pantau.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of reading identity, as the tiles, the pairing of MQTT copies, the database and HTTP apply them. */
class IdentityTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");
    private static final Reading STATE = new Reading("aqms-loktuan", "pm25", T, 30, "ug/m3");
    private static final Reading EVENT = new Reading("call112", "calls", T, 1, "count", true, null, false);
    private static final Reading KEYED = new Reading("call112", "calls", T, 1, "count", true, "c-1", false);

    @Test
    void verifiesThatOnlyMessagesNothingElseRecognisesArePaired() {
        Reading stamped = new Reading("rsud-queue", "waiting", T, 30, "patients", false, null, true);
        assertThat(Identity.needsPairing(List.of(STATE))).isFalse();
        assertThat(Identity.needsPairing(List.of(KEYED))).isFalse();
        assertThat(Identity.needsPairing(List.of(STATE, stamped))).isTrue();
        assertThat(Identity.needsPairing(List.of(EVENT))).isTrue();
        assertThat(Identity.needsPairing(List.of(new Reading("cctv-001", Reading.ONLINE, T, 1, "bool", false, null, true))))
                .as("a status goes to the tiles from the live path only").isFalse();
    }

    @Test
    void verifiesThatTheStoredEventIdSaysWhichIdsArePublic() {
        assertThat(Identity.storedEventId(STATE)).isEmpty();
        assertThat(Identity.storedEventId(STATE.withEvent("s-1"))).as("a state is one per time, id or not").isEmpty();
        assertThat(Identity.storedEventId(KEYED)).isEqualTo("c-1");
        String generated = Identity.storedEventId(EVENT);
        assertThat(generated).startsWith(Identity.GENERATED_AT_STORE).isNotEqualTo(Identity.storedEventId(EVENT));
        assertThat(Identity.reserved(generated)).as("a client may not send one").isTrue();

        assertThat(Identity.publicId("")).isNull();
        assertThat(Identity.publicId(generated)).isNull();
        assertThat(Identity.publicId("c-1")).isEqualTo("c-1");
        String given = Identity.generatedForHttp();
        assertThat(Identity.publicId(given)).as("relayed with its record, so read back at the warm start").isEqualTo(given);
    }

    @Test
    void verifiesThatOnlyAClientsOwnIdMakesARepeat() {
        assertThat(Identity.repeat(STATE)).isEqualTo(Identity.Repeat.BY_TIME);
        assertThat(Identity.repeat(KEYED)).isEqualTo(Identity.Repeat.BY_ID);
        assertThat(Identity.repeat(EVENT)).isEqualTo(Identity.Repeat.NEVER);
        assertThat(Identity.hasClientId(KEYED)).isTrue();
        assertThat(Identity.hasClientId(EVENT)).isFalse();
        assertThat(Identity.hasClientId(EVENT.withEvent(Identity.generatedForHttp()))).isFalse();
    }
}
