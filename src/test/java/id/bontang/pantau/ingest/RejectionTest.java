package id.bontang.pantau.ingest;

import id.bontang.pantau.support.SignIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.Metrics;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Wita;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import id.bontang.pantau.broker.Broker;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Bad input through a real Mosquitto: each refusal has its reason, and the valid messages around it still land. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
class RejectionTest {

    @Inject
    Broker broker;

    private static final String LOKTUAN = "pantau/v1/devices/aqms-loktuan/telemetry";

    record Case(String reason, String topic, byte[] payload) {
        static Case of(String reason, String topic, String payload) {
            return new Case(reason, topic, payload.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void verifiesThatEachKindOfBadMessageIsRejectedWithItsReasonCountedListedAndHarmless() {
        Ready.await();
        byte[] huge = new byte[1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        String tomorrow = OffsetDateTime.now().plusDays(1).toString();
        List<Case> cases = List.of(
                Case.of("malformed-payload", LOKTUAN, "{\"values\": {\"pm25\": 38.2"),
                Case.of("unknown-device", "pantau/v1/devices/aqms-mars/telemetry", "{\"values\": {\"pm25\": 1}}"),
                Case.of("unknown-metric", LOKTUAN, "{\"values\": {\"pm2_5\": 1}}"),
                Case.of("not-a-number", LOKTUAN, "{\"values\": {\"pm25\": \"high\"}}"),
                Case.of("non-finite", LOKTUAN, "{\"values\": {\"pm25\": NaN}}"),
                Case.of("future-timestamp", LOKTUAN, "{\"ts\": \"" + tomorrow + "\", \"values\": {\"pm25\": 1}}"),
                new Case("payload-too-large", LOKTUAN, huge),
                Case.of("out-of-range", LOKTUAN, "{\"values\": {\"pm25\": -3}}"),
                Case.of("unknown-topic", "pantau/v1/devices/aqms-loktuan/config", "{}"),
                Case.of("invalid-status", "pantau/v1/devices/cctv-001/status", "maybe"));
        try (Publisher sensor = new Publisher(broker.url())) {
            int k = 1000;
            for (Case c : cases) {
                String metric = "pantau_ingest_rejected_total{reason=\"" + c.reason() + "\"}";
                double before = Metrics.value(metric);
                sensor.publish(c.topic(), c.payload(), 1);
                int open = ++k;
                sensor.publish("pantau/v1/feeds/lapor", "{\"values\": {\"open\": " + open + "}}");

                await(c.reason()).atMost(Duration.ofSeconds(5)).until(() -> given().get("/api/v1/tiles").jsonPath()
                        .getInt("find { it.id == 'lapor.open' }.value") == open);
                assertThat(Metrics.value(metric)).as(c.reason()).isEqualTo(before + 1);
                JsonPath newest = SignIn.admin().queryParam("reason", c.reason()).queryParam("limit", 1)
                        .get("/api/v1/dead-letters").then().statusCode(200).extract().jsonPath();
                assertThat(newest.getString("[0].topic")).isEqualTo(c.topic());
                assertThat(newest.getString("[0].detail")).as(c.reason()).isNotBlank();
                assertThat(newest.getString("[0].transport")).isEqualTo("mqtt");
                assertThat(newest.getString("[0].payload").length()).isLessThan(300);
            }
        }
        Map<String, Object> tooLarge = SignIn.admin().queryParam("reason", "payload-too-large").get("/api/v1/dead-letters")
                .jsonPath().getMap("[0]");
        assertThat((String) tooLarge.get("detail")).contains("1048576 bytes");
    }

    @Test
    void verifiesThatAFloodOfBadMessagesLosesNoValidOne() {
        Ready.await();
        Wita.awayFromMidnight(Duration.ofMinutes(1)); // reads "today"
        double received = Metrics.value("pantau_ingest_received_total{transport=\"mqtt\"}");
        Number start = given().get("/api/v1/tiles").jsonPath().get("find { it.id == 'call112.today' }.value");
        long before = start == null ? 0 : start.longValue();
        int valid = 0;
        try (Publisher sensor = new Publisher(broker.url())) {
            for (int i = 0; i < 3000; i++) {
                String topic = i % 4 == 1 ? "pantau/v1/devices/nope-" + i + "/telemetry"
                        : i % 4 == 3 ? "pantau/v1/feeds/call112" : LOKTUAN;
                String payload = switch (i % 4) {
                    case 0 -> "{{{" + i;
                    case 1 -> "{\"values\":{\"x\":1}}";
                    case 2 -> "{\"values\":{\"pm25\":\"" + i + "\"}}";
                    default -> "{\"values\":{\"bogus\":1}}";
                };
                sensor.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 0);
                if (i % 50 == 0) {
                    sensor.publish("pantau/v1/feeds/call112", "{\"values\":{\"calls\":1}}");
                    valid++;
                }
            }
        }
        long expected = before + valid;
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/v1/tiles").jsonPath()
                .getLong("find { it.id == 'call112.today' }.value") == expected);
        assertThat(Metrics.value("pantau_ingest_received_total{transport=\"mqtt\"}")).isGreaterThanOrEqualTo(received + 3000 + valid);
        // The dead-letter list stays bounded, newest first.
        List<String> list = SignIn.admin().queryParam("limit", 1000).get("/api/v1/dead-letters").jsonPath().getList("receivedAt");
        assertThat(list).hasSizeLessThanOrEqualTo(1000);
        assertThat(list).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }
}
