package id.bontang.pantau.broker;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.support.Mosquitto;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerPortTest {

    @Test
    void verifiesThatATakenPortMakesTheEmbeddedBrokerTakeTheNextFreeOne() throws IOException {
        int port = Mosquitto.freePort();
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            Broker broker = new Broker(config(port));
            broker.start();
            try {
                assertThat(broker.isEmbedded()).isTrue();
                assertThat(broker.url()).isNotEqualTo("tcp://127.0.0.1:" + port).startsWith("tcp://127.0.0.1:");
                int used = Integer.parseInt(broker.url().substring(broker.url().lastIndexOf(':') + 1));
                assertThat(used).isGreaterThan(port).isLessThan(port + 20);
            } finally {
                broker.stop();
            }
        }
    }

    @Test
    void verifiesThatAnExternalBrokerIsUsedAsConfigured() {
        Broker broker = new Broker(config(Map.of("pantau.mqtt.url", "tcp://broker.example:1883")));
        broker.start();
        assertThat(broker.isEmbedded()).isFalse();
        assertThat(broker.url()).isEqualTo("tcp://broker.example:1883");
    }

    /** The real mapping with its defaults, and these values on top. */
    private static MqttConfig config(Map<String, String> values) {
        return id.bontang.pantau.support.Configs.of(MqttConfig.class, values);
    }

    private static MqttConfig config(int port) {
        return config(Map.of("pantau.mqtt.embedded.port", Integer.toString(port)));
    }
}
