package id.bontang.pantau.broker;

import id.bontang.pantau.catalog.LiveCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.bontang.pantau.broker.Broker;
import id.bontang.pantau.broker.MqttConfig;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.support.Configs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every source's topics in exactly one durable session of exactly one instance, whatever the numbers. */
class DurablePartitionTest {

    static final Catalog CATALOG = CatalogProducer.builtIn();

    private static DurablePartition partition(Map<String, String> config) {
        Map<String, String> all = new java.util.HashMap<>(config);
        all.put("pantau.mqtt.url", "tcp://127.0.0.1:1"); // an external broker; nothing connects here
        MqttConfig mqtt = Configs.of(MqttConfig.class, all);
        return new DurablePartition(LiveCatalog.of(CATALOG), mqtt, new Broker(mqtt));
    }

    @Test
    void verifiesThatThreeInstancesSplitTheCatalogWithoutGapOrOverlap() {
        List<String> everything = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DurablePartition p = partition(Map.of("pantau.mqtt.instance-index", Integer.toString(i), "pantau.mqtt.instance-count", "3"));
            assertThat(p.sessions().size()).isLessThanOrEqualTo(32);
            p.sessions().forEach(everything::addAll);
            for (List<String> session : p.sessions()) {
                assertThat(p.notMine(session)).as("a session drops the shared subscription and what others hold")
                        .contains("$share/pantau-store/pantau/v1/#", "$share/pantau-store/pantau/v1/devices/#")
                        .doesNotContainAnyElementsOf(session);
            }
        }
        Set<String> expected = new HashSet<>();
        CATALOG.sources().values().forEach(s -> expected.add(s.isFeed() ? "pantau/v1/feeds/" + s.id() : "pantau/v1/devices/" + s.id() + "/+"));
        assertThat(everything).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void verifiesThatTheLayoutIsTheSameAtEveryStart() {
        assertThat(partition(Map.of()).sessions()).isEqualTo(partition(Map.of()).sessions());
        assertThat(partition(Map.of()).stores("tide-loktuan")).isTrue();
    }

    @Test
    void verifiesThatSharedModeKeepsOneSharedSubscriptionPerSession() {
        DurablePartition p = partition(Map.of("pantau.mqtt.durable-mode", "shared", "pantau.mqtt.durable-connections", "4"));
        assertThat(p.sessions()).hasSize(4).allMatch(s -> s.equals(List.of("$share/pantau-store/pantau/v1/devices/#",
                "$share/pantau-store/pantau/v1/feeds/#")));
        assertThat(p.notMine(p.sessions().get(0))).as("the whole prefix of earlier versions, which holds the alarms")
                .containsExactly("$share/pantau-store/pantau/v1/#", "pantau/v1/#");
    }

    @Test
    void verifiesThatAnInstanceNumberOutsideTheCountIsRefused() {
        assertThatThrownBy(() -> partition(Map.of("pantau.mqtt.instance-index", "2", "pantau.mqtt.instance-count", "2")))
                .hasMessageContaining("pantau.mqtt.instance-index must be 0 to 1");
    }
}
