package id.bontang.pantau.broker;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.support.Mosquitto;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
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
        Broker broker = new Broker(new TestConfig(Optional.of("tcp://broker.example:1883"), 1883));
        broker.start();
        assertThat(broker.isEmbedded()).isFalse();
        assertThat(broker.url()).isEqualTo("tcp://broker.example:1883");
    }

    private static MqttConfig config(int port) {
        return new TestConfig(Optional.empty(), port);
    }

    private record TestConfig(Optional<String> url, int port) implements MqttConfig {
        @Override
        public Optional<String> username() {
            return Optional.empty();
        }

        @Override
        public Optional<String> password() {
            return Optional.empty();
        }

        @Override
        public String clientId() {
            return "test";
        }

        @Override
        public Optional<String> instance() {
            return Optional.empty();
        }

        @Override
        public String sharedGroup() {
            return "test";
        }

        @Override
        public Embedded embedded() {
            return new Embedded() {
                @Override
                public String host() {
                    return "127.0.0.1";
                }

                @Override
                public int port() {
                    return port;
                }

                @Override
                public int portAttempts() {
                    return 20;
                }
            };
        }
    }
}
