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
        expected.addAll(Topics.connectors(CATALOG)); // a connector's topics are stored by one instance, like a source
        assertThat(everything).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** A catalog change: each added device's topics in exactly one session of one of three instances; removed ones leave. */
    @Test
    void verifiesThatAnAddedDeviceLandsInExactlyOneSessionAndARemovedOneLeavesEverySession() throws Exception {
        String text = new String(CatalogProducer.class.getClassLoader().getResourceAsStream("catalog/bontang.yaml")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder added = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            added.append("  - {id: trf-baru-").append(i).append(", kind: trf, area: belimbing, name: Baru ").append(i).append("}\n");
        }
        Catalog after = id.bontang.pantau.catalog.CatalogLoader.load("classpath:catalog/bontang.yaml", text.replace(
                "  - {id: trf-bhayangkara, kind: trf, area: belimbing, name: Jl. Bhayangkara}\n", added.toString()));
        Map<String, Integer> landed = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            DurablePartition p = partition(Map.of("pantau.mqtt.instance-index", Integer.toString(i), "pantau.mqtt.instance-count", "3"));
            DurablePartition.Follow f = p.follow(CATALOG, after).orElseThrow();
            assertThat(f.remove()).containsExactly("pantau/v1/devices/trf-bhayangkara/+");
            f.add().forEach((session, filters) -> {
                assertThat(session).isBetween(0, p.sessions().size() - 1);
                filters.forEach(filter -> landed.merge(filter, 1, Integer::sum));
            });
            assertThat(p.notMine(List.of())).as("a session that does not hold it drops it at its next connection")
                    .contains("pantau/v1/devices/trf-baru-0/+").doesNotContain("pantau/v1/devices/trf-bhayangkara/+");
        }
        assertThat(landed).hasSize(20).allSatisfy((filter, times) -> assertThat(times).as(filter).isEqualTo(1));
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
                "$share/pantau-store/pantau/v1/feeds/#", "$share/pantau-store/application/+/device/+/event/+",
                "$share/pantau-store/vendor/weatherlink/+/current")));
        assertThat(p.notMine(p.sessions().get(0))).as("the whole prefix of earlier versions, which holds the alarms")
                .containsExactly("$share/pantau-store/pantau/v1/#", "pantau/v1/#");
    }

    @Test
    void verifiesThatAnInstanceNumberOutsideTheCountIsRefused() {
        assertThatThrownBy(() -> partition(Map.of("pantau.mqtt.instance-index", "2", "pantau.mqtt.instance-count", "2")))
                .hasMessageContaining("pantau.mqtt.instance-index must be 0 to 1");
    }
}
