package id.bontang.pantau.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void verifiesTheContractTopics() throws Rejected {
        assertThat(Topic.parse("pantau/v1/devices/aqms-loktuan/telemetry"))
                .isEqualTo(new Topic(Topic.Kind.TELEMETRY, "aqms-loktuan"));
        assertThat(Topic.parse("pantau/v1/devices/cctv-001/status")).isEqualTo(new Topic(Topic.Kind.STATUS, "cctv-001"));
        assertThat(Topic.parse("pantau/v1/feeds/call112")).isEqualTo(new Topic(Topic.Kind.FEED, "call112"));
    }

    @Test
    void verifiesThatOtherTopicsAreRejected() {
        for (String t : new String[] {"pantau/v1/devices/aqms-loktuan", "pantau/v1/devices/aqms-loktuan/config",
                "pantau/v1/feeds/", "pantau/v1/feeds/call112/extra", "pantau/v1/other", "pantau/v1/devices//telemetry"}) {
            assertThatThrownBy(() -> Topic.parse(t)).as(t).isInstanceOf(Rejected.class)
                    .extracting(e -> ((Rejected) e).reason()).isEqualTo(Reason.UNKNOWN_TOPIC);
        }
    }
}
