package id.bontang.pantau.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.PantauProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The first README command's set-up, packaged: embedded broker, simulator replaying the last 24 hours at
 * start. Every message it publishes reaches the tiles, and every tile is fresh afterwards.
 */
class EmbeddedBrokerIT {

    @Test
    void verifiesThatTheSimulatorsStartUpReplayLosesNoMessageAndLeavesEveryTileFresh() {
        PantauProcess pantau = new PantauProcess(Map.of("PANTAU_SIMULATOR_ENABLED", "true", "PANTAU_SIMULATOR_BACKFILL", "PT24H",
                "PANTAU_MQTT_EMBEDDED_PORT", "21883")).start();
        try {
            // The replay of 24 h takes 20 s on a quiet machine; on a busy CI machine, minutes.
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                String metrics = pantau.admin().get("/q/metrics").asString();
                double published = value(metrics, "pantau_simulator_published_total");
                assertThat(published).isGreaterThan(30_000);
                assertThat(value(metrics, "pantau_ingest_received_total{transport=\"mqtt\"}")).isGreaterThanOrEqualTo(published);
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<Map<String, Object>> tiles = pantau.http().get("/api/v1/tiles").jsonPath().getList("$");
                assertThat(tiles).allSatisfy(t -> assertThat(t.get("freshness")).as((String) t.get("id")).isEqualTo("fresh"));
            });
        } finally {
            pantau.stop();
        }
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + " ([0-9.E+]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
