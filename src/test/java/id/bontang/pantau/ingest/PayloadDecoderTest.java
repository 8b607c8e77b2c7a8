package id.bontang.pantau.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-22T00:15:00Z");

    private static List<Sample> decode(String json) throws Rejected {
        return PayloadDecoder.decode(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static Reason reason(String json) {
        try {
            decode(json);
        } catch (Rejected r) {
            return r.reason();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void verifiesThatANativeRecordGivesOneSamplePerValueWithItsTimestamp() throws Rejected {
        List<Sample> s = decode("{\"ts\": \"2026-11-22T08:15:00+08:00\", \"values\": {\"pm25\": 38.2, \"pm10\": 61}}");
        assertThat(s).containsExactly(new Sample("pm25", 38.2, null, Instant.parse("2026-11-22T00:15:00Z"), null),
                new Sample("pm10", 61, null, Instant.parse("2026-11-22T00:15:00Z"), null));
    }

    @Test
    void verifiesThatTsMayBeEpochMillisecondsOrAbsent() throws Rejected {
        assertThat(decode("{\"ts\": 1763770500000, \"values\": {\"pm25\": 1}}").get(0).time())
                .isEqualTo(Instant.ofEpochMilli(1763770500000L));
        assertThat(decode("{\"values\": {\"pm25\": 1}}").get(0).time()).isNull();
        assertThat(decode("{\"ts\": \"2026-11-22T00:15:00Z\", \"values\": {\"pm25\": 1}}").get(0).time())
                .isEqualTo(Instant.parse("2026-11-22T00:15:00Z"));
    }

    @Test
    void verifiesThatARecordsIdIsItsIdempotencyKeyForEveryValue() throws Rejected {
        List<Sample> s = decode("{\"id\": \"order-7\", \"values\": {\"orders\": 1, \"revenue_idr\": 50000}}");
        assertThat(s).extracting(Sample::id).containsExactly("order-7", "order-7");
        assertThat(decode("{\"values\": {\"orders\": 1}}").get(0).id()).isNull();
        assertThat(reason("{\"id\": 7, \"values\": {\"orders\": 1}}")).isEqualTo(Reason.INVALID_ID);
        assertThat(reason("{\"id\": \"\", \"values\": {\"orders\": 1}}")).isEqualTo(Reason.INVALID_ID);
        assertThat(reason("{\"id\": \"" + "x".repeat(129) + "\", \"values\": {\"orders\": 1}}")).isEqualTo(Reason.INVALID_ID);
        assertThat(decode("{\"id\": \"" + "x".repeat(128) + "\", \"values\": {\"orders\": 1}}")).hasSize(1);
        assertThat(reason("{\"id\": \"a\\u0000b\", \"values\": {\"orders\": 1}}")).as("the database cannot hold a NUL")
                .isEqualTo(Reason.INVALID_ID);
        assertThat(reason("{\"id\": \"~7\", \"values\": {\"orders\": 1}}")).as("Pantau's own keys").isEqualTo(Reason.INVALID_ID);
    }

    @Test
    void verifiesThatANativeBatchIsAccepted() throws Rejected {
        assertThat(decode("[{\"ts\": 1, \"values\": {\"a\": 1}}, {\"ts\": 2, \"values\": {\"a\": 2, \"b\": 3}}]")).hasSize(3);
    }

    @Test
    void verifiesThatBrokenPayloadsGetTheirOwnReason() {
        assertThat(reason("{\"ts\": 1, \"values\": {\"pm25\": 38.2")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("not json at all")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("{\"value\": {\"pm25\": 1}}")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("{\"values\": {}}")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("{\"values\": {\"a\": 1, \"a\": 2}}")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("42")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("{\"ts\": \"2026-11-22T08:15:00\", \"values\": {\"pm25\": 1}}")).isEqualTo(Reason.INVALID_TIMESTAMP);
        assertThat(reason("{\"ts\": \"yesterday\", \"values\": {\"pm25\": 1}}")).isEqualTo(Reason.INVALID_TIMESTAMP);
        assertThat(reason("{\"ts\": true, \"values\": {\"pm25\": 1}}")).isEqualTo(Reason.INVALID_TIMESTAMP);
    }

    @Test
    void verifiesThatAJsonErrorSaysWhereAndWhatInPlainWords() {
        assertThatThrownBy(() -> decode("{\"values\": {\"pm25\": 38.2")).isInstanceOf(Rejected.class)
                .hasMessageStartingWith("not valid JSON at line 1, column ")
                .hasMessageContaining("Unexpected end-of-input").hasMessageNotContaining("Source");
    }

    @Test
    void verifiesThatNonNumbersAreMarkedForTheValidator() throws Rejected {
        assertThat(decode("{\"values\": {\"a\": \"high\"}}").get(0).invalid()).isEqualTo("a string \"high\"");
        assertThat(decode("{\"values\": {\"a\": true}}").get(0).invalid()).isEqualTo("a boolean true");
        assertThat(decode("{\"values\": {\"a\": null}}").get(0).invalid()).isEqualTo("null");
        Sample nan = decode("{\"values\": {\"a\": NaN}}").get(0);
        assertThat(nan.invalid()).isNull();
        assertThat(nan.value()).isNaN();
        assertThat(decode("{\"values\": {\"a\": \"NaN\"}}").get(0).value()).isNaN();
        assertThat(decode("{\"values\": {\"a\": \"NaN\"}}").get(0).invalid()).isNull();
        assertThat(decode("{\"values\": {\"a\": 1e400}}").get(0).value()).isInfinite();
        assertThat(decode("{\"values\": {\"a\": -Infinity}}").get(0).value()).isInfinite();
    }

    @Test
    void verifiesSenmlBaseNameTimeUnitAndValue() throws Rejected {
        List<Sample> s = decode("""
                [{"bn": "urn:dev:id:aqms-loktuan:", "bt": 1763770500, "bu": "ug/m3", "n": "pm25", "v": 38.2},
                 {"n": "no2", "u": "ppb", "v": 20, "t": -60},
                 {"n": "temperature", "u": "Cel", "v": 29.5}]
                """);
        assertThat(s).containsExactly(
                new Sample("pm25", 38.2, null, Instant.ofEpochSecond(1763770500), "ug/m3"),
                new Sample("no2", 20, null, Instant.ofEpochSecond(1763770440), "ppb"),
                new Sample("temperature", 29.5, null, Instant.ofEpochSecond(1763770500), "Cel"));
    }

    /**
     * Verifies that small SenML times are relative to the receive time, and that such a time (like none) is not the
     * record's own: a retained copy sent again would otherwise pass for a new reading.
     */
    @Test
    void verifiesThatSmallSenmlTimesAreRelativeToNow() throws Rejected {
        Sample relative = decode("[{\"n\": \"a\", \"v\": 1, \"t\": -30}]").get(0);
        assertThat(relative.time()).isEqualTo(NOW.minusSeconds(30));
        assertThat(relative.ownTime()).isFalse();
        assertThat(decode("[{\"n\": \"a\", \"v\": 1}]").get(0).time()).isNull();
        assertThat(decode("[{\"n\": \"a\", \"v\": 1}]").get(0).ownTime()).isFalse();
        assertThat(decode("[{\"n\": \"a\", \"v\": 1, \"t\": 1763770500}]").get(0).ownTime()).isTrue();
        assertThat(decode("{\"ts\": 1763770500000, \"values\": {\"a\": 1}}").get(0).ownTime()).isTrue();
        assertThat(decode("{\"values\": {\"a\": 1}}").get(0).ownTime()).isFalse();
    }

    @Test
    void verifiesSenmlProblems() throws Rejected {
        assertThat(reason("[{\"bn\": \"x/\", \"v\": 1}]")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("[{\"n\": 5, \"v\": 1}]")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("[{\"n\": \"a\", \"v\": 1, \"t\": \"now\"}]")).isEqualTo(Reason.INVALID_TIMESTAMP);
        assertThat(reason("[1, 2]")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(reason("[]")).isEqualTo(Reason.MALFORMED_PAYLOAD);
        assertThat(decode("[{\"n\": \"a\", \"vs\": \"on\"}]").get(0).invalid()).isEqualTo("a string value \"on\"");
        assertThat(decode("[{\"n\": \"a\", \"vb\": true}]").get(0).invalid()).isEqualTo("a boolean value true");
        assertThat(decode("[{\"n\": \"a\", \"s\": 3}]").get(0).invalid()).isEqualTo("no numeric value 'v'");
        assertThat(decode("[{\"bv\": 10, \"n\": \"a\", \"v\": 2.5}]").get(0).value()).isEqualTo(12.5);
    }
}
