package id.bontang.pantau.deploy;

import id.bontang.pantau.support.SignIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import id.bontang.pantau.support.Dashboards;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.Wall;
import id.bontang.pantau.support.WallClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped prometheus/prometheus.yml, run by a real Prometheus against a running Pantau, and every query of
 * the Prometheus panels of the dashboards asked of it: each is valid PromQL over metrics that exist, and
 * answers series.
 */
@QuarkusTest
@TestProfile(PrometheusDashboardsTest.OwnApplication.class)
@WithTestResource(MosquittoResource.class)
class PrometheusDashboardsTest {

    /** An application of its own: the readings published here must not move the tiles other tests assert. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    static final Path CONFIG = Path.of("prometheus", "prometheus.yml");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI pantau;

    @TestHTTPResource("/ws/wall")
    URI wallSocket;

    @Test
    void verifiesThatEveryPrometheusPanelAnswersFromTheShippedScrapeConfig() throws Exception {
        Ready.await();
        Path dir = Files.createTempDirectory("prometheus-");
        int port = Mosquitto.freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, localConfig(pantau.getHost() + ":" + pantau.getPort(), "127.0.0.1:" + port));
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        String api = "http://127.0.0.1:" + port + "/api/v1/query";
        try (Publisher devices = new Publisher(MosquittoResource.url()); WallClient wall = new WallClient(Wall.socket(wallSocket, null))) {
            await("Prometheus scraped Pantau a few times").atMost(Duration.ofSeconds(60)).until(() -> {
                if (!prometheus.isAlive()) {
                    throw new IllegalStateException("Prometheus exited: " + Files.readString(dir.resolve("log")));
                }
                JsonNode r = query(api, "count_over_time(up{job=\"pantau\"}[1m]) >= 4 and up{job=\"pantau\"} == 1");
                return r != null && r.get("data").get("result").size() == 1;
            });
            // Traffic between scrapes, so that the rates move: readings, a refused message, and a wall client (open above).
            devices.telemetry("aqms-loktuan", "{\"values\": {\"pm25\": 31}}");
            devices.telemetry("no-such-device", "{\"values\": {\"pm25\": 30}}");
            int asked = 0;
            for (Path file : Dashboards.files()) {
                for (JsonNode panel : JSON.readTree(file.toFile()).get("panels")) {
                    for (JsonNode target : panel.get("targets")) {
                        if (!target.has("expr")) {
                            continue;
                        }
                        String expr = target.get("expr").asText().replace("$__rate_interval", "1m");
                        String where = file.getFileName() + " › " + panel.get("title").asText() + " › " + expr;
                        await(where).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                            JsonNode r = query(api, expr);
                            assertThat(r).as(where).isNotNull();
                            assertThat(r.get("status").asText()).as(where + ": " + r).isEqualTo("success");
                            assertThat(r.get("data").get("result")).as(where + ": answers series").isNotEmpty();
                        });
                        asked++;
                    }
                }
            }
            assertThat(asked).isGreaterThan(15);
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /** The shipped configuration, with this test's Pantau and Prometheus as targets, scraped every second. */
    private static String localConfig(String pantau, String self) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode root = (ObjectNode) yaml.readTree(CONFIG.toFile());
        ((ObjectNode) root.get("global")).put("scrape_interval", "1s");
        List<String> jobs = new ArrayList<>();
        for (JsonNode job : root.get("scrape_configs")) {
            jobs.add(job.get("job_name").asText());
            ArrayNode targets = (ArrayNode) job.get("static_configs").get(0).get("targets");
            String target = targets.get(0).asText();
            if (job.get("job_name").asText().equals("pantau")) {
                assertThat(target).isEqualTo("pantau:8080");
                assertThat(job.get("metrics_path").asText()).isEqualTo("/q/metrics");
                assertThat(job.get("basic_auth").get("username").asText()).isEqualTo("prometheus");
                Path password = Files.createTempFile("pantau-password", "");
                Files.writeString(password, SignIn.ADMIN_PASSWORD);
                ((ObjectNode) job.get("basic_auth")).put("username", "admin").put("password_file", password.toString());
            }
            targets.removeAll().add(job.get("job_name").asText().equals("pantau") ? pantau : self);
        }
        assertThat(jobs).contains("pantau");
        return yaml.writeValueAsString(root);
    }

    private static JsonNode query(String api, String expr) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(api)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }
}
