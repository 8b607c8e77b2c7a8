package id.bontang.pantau.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.reading.Reading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records an instance relays to the others: native JSON, one record per time and id, whatever an id holds. */
class FeedRelayTest {

    @Test
    void verifiesThatRelayedRecordsGroupValuesByTimeAndIdAndKeepAnyIdExactly() throws Exception {
        Instant t = Instant.parse("2026-12-06T08:15:00Z");
        String odd = "shift \"08\\15\"\u0001 ü";
        List<Reading> readings = List.of(new Reading("call112", "calls", t, 3, "count").withEvent(odd),
                new Reading("call112", "prank_calls", t, 1, "count").withEvent(odd),
                new Reading("call112", "calls", t.plusSeconds(60), 2.5, "count"));
        JsonNode json = new ObjectMapper().readTree(FeedRelay.json(readings));
        assertThat(json.size()).as("one record per time and id").isEqualTo(2);
        assertThat(json.get(0).get("id").asText()).isEqualTo(odd);
        assertThat(json.get(0).get("ts").asLong()).isEqualTo(t.toEpochMilli());
        assertThat(json.get(0).get("values").get("calls").asDouble()).isEqualTo(3);
        assertThat(json.get(0).get("values").get("prank_calls").asDouble()).isEqualTo(1);
        assertThat(json.get(1).has("id")).isFalse();
        assertThat(json.get(1).get("values").get("calls").asDouble()).isEqualTo(2.5);
    }
}
