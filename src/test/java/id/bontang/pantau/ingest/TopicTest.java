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

    /**
     * Verifies that Pantau reads the input topics only, that its own alarm topics are recognised as its own (ignored,
     * not refused), and which topics are statuses.
     */
    @Test
    void verifiesTheInputFiltersOwnOutputAndStatuses() {
        assertThat(Topic.INPUTS).containsExactly("pantau/v1/devices/#", "pantau/v1/feeds/#");
        assertThat(Topic.own("pantau/v1/alarms/17")).isTrue();
        assertThat(Topic.own("pantau/v1/devices/cctv-001/status")).isFalse();
        assertThat(Topic.status("pantau/v1/devices/cctv-001/status")).isTrue();
        assertThat(Topic.status("pantau/v1/devices/cctv-001/telemetry")).isFalse();
        assertThat(Topic.status("pantau/v1/devices/cctv-001/x/status")).isFalse();
        assertThat(Topic.status("pantau/v1/feeds/status")).isFalse();
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
