package id.bontang.pantau.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The broker's own counts are reported as the broker gives them, so that drops from before Pantau started still show. */
class BrokerSysTest {

    @Test
    void verifiesThatDropsFromBeforePantauStartedAreReportedAndARestartedBrokerStartsAgain() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BrokerSys sys = new BrokerSys(registry);
        sys.update(BrokerSys.DROPPED_TOPIC, bytes("120")); // retained: what the broker dropped while Pantau was away
        assertThat(sys.dropped()).isEqualTo(120);
        assertThat(registry.get("pantau.broker.dropped.messages").gauge().value()).isEqualTo(120);
        sys.update(BrokerSys.DROPPED_TOPIC, bytes("not a number"));
        assertThat(sys.dropped()).isEqualTo(120);
        sys.update(BrokerSys.DROPPED_TOPIC, bytes("125\n"));
        assertThat(sys.dropped()).isEqualTo(125);
        sys.update(BrokerSys.DROPPED_TOPIC, bytes("0")); // the broker restarted
        assertThat(sys.dropped()).isZero();
    }

    @Test
    void verifiesThatTheMessagesTheBrokerHoldsAreReportedAsTheyAre() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BrokerSys sys = new BrokerSys(registry);
        sys.update(BrokerSys.STORED_TOPIC, bytes("5000"));
        sys.update(BrokerSys.STORED_TOPIC, bytes("70"));
        assertThat(sys.stored()).isEqualTo(70);
        assertThat(registry.get("pantau.broker.stored.messages").gauge().value()).isEqualTo(70);
        assertThat(sys.dropped()).as("a count of its own").isZero();
        sys.update("$SYS/broker/uptime", bytes("12"));
        assertThat(sys.stored()).isEqualTo(70);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
