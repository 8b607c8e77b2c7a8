package id.bontang.pantau.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogException;
import id.bontang.pantau.catalog.CatalogLoader;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Sample;
import id.bontang.pantau.ingest.Translation.Translated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Verifies that the connectors read the network servers', vendors' and agencies' real shapes, and say why they cannot. */
class ConnectorShapesTest {

    static final Catalog CATALOG = CatalogProducer.builtIn();
    private static final ObjectMapper JSON = new ObjectMapper();

    static String sample(String name) throws IOException {
        try (InputStream in = ConnectorShapesTest.class.getResourceAsStream("/connectors/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ConnectorSpec connector(String id) {
        return CATALOG.connector(id).orElseThrow();
    }

    private static Map<String, Double> values(Translated t, String source) {
        return t.samples().get(source).stream().collect(Collectors.toMap(Sample::metric, Sample::value));
    }

    @Test
    void verifiesThatAChirpStackUplinkGivesItsValueHealthAndIdentity() throws Exception {
        FrameCounters counters = new FrameCounters(10);
        JsonNode up = JSON.readTree(sample("chirpstack-up.json"));
        Translated t = ChirpStack.translate(connector("chirpstack-bontang"), CATALOG,
                "application/17c82e96-be03-4f38-aef3-f83d48582d97/device/70b3d57ed0051a01/event/up", bytes(up), Instant.now(), counters);
        assertThat(t.refused()).isEmpty();
        assertThat(values(t, "awlr-telihan")).containsEntry("level_cm", 1.42).containsEntry("rssi", -97.0)
                .containsEntry("snr", 7.25).doesNotContainKey("uplinks_lost"); // the first uplink heard tells no gap
        Sample level = t.samples().get("awlr-telihan").get(0);
        assertThat(level.unit()).isEqualTo("m");
        assertThat(level.id()).isEqualTo("3ac7e3c4-4401-4b8d-9386-a5c902f9202d");
        assertThat(level.time()).isEqualTo(Instant.parse("2026-12-07T02:15:30.123456789Z"));

        ((com.fasterxml.jackson.databind.node.ObjectNode) up).put("fCnt", 14);
        Translated later = ChirpStack.translate(connector("chirpstack-bontang"), CATALOG, "application/x/device/y/event/up",
                bytes(up), Instant.now(), counters);
        assertThat(values(later, "awlr-telihan")).containsEntry("uplinks_lost", 3.0);
    }

    @Test
    void verifiesThatAChirpStackStatusGivesTheBatteryAndOtherEventsNothing() throws Exception {
        Translated t = ChirpStack.translate(connector("chirpstack-bontang"), CATALOG, "application/a/device/b/event/status",
                sample("chirpstack-status.json").getBytes(StandardCharsets.UTF_8), Instant.now(), new FrameCounters(10));
        assertThat(values(t, "awlr-telihan")).containsOnly(Map.entry("battery", 87.4));
        Translated join = ChirpStack.translate(connector("chirpstack-bontang"), CATALOG, "application/a/device/b/event/join",
                "{\"deviceInfo\":{\"devEui\":\"70b3d57ed0051a01\"},\"devAddr\":\"00189440\"}".getBytes(StandardCharsets.UTF_8), Instant.now(),
                new FrameCounters(10));
        assertThat(join.samples()).isEmpty();
    }

    @Test
    void verifiesThatAnUnknownDevEuiAndAMissingPathAreRefusedWithTheirReasons() throws Exception {
        String unknown = sample("chirpstack-up.json").replace("70B3D57ED0051A01", "0000000000000bad");
        assertThatThrownBy(() -> ChirpStack.translate(connector("chirpstack-bontang"), CATALOG, "application/a/device/b/event/up",
                unknown.getBytes(StandardCharsets.UTF_8), Instant.now(), new FrameCounters(10)))
                .isInstanceOf(Rejected.class).hasMessageContaining("connector chirpstack-bontang")
                .hasMessageContaining("devEui 0000000000000bad").extracting(r -> ((Rejected) r).reason().code())
                .isEqualTo("unknown-device");
        String moved = sample("chirpstack-up.json").replace("\"water\": {\"level\": 1.42", "\"depth\": {\"level\": 1.42");
        Translated t = ChirpStack.translate(connector("chirpstack-bontang"), CATALOG, "application/a/device/b/event/up",
                moved.getBytes(StandardCharsets.UTF_8), Instant.now(), new FrameCounters(10));
        assertThat(t.refused()).singleElement().satisfies(r -> {
            assertThat(r.rejected().reason().code()).isEqualTo("missing-value");
            assertThat(r.rejected().getMessage()).isEqualTo("connector chirpstack-bontang: no value for level_cm at water.level");
        });
        assertThat(values(t, "awlr-telihan")).containsKeys("rssi", "snr"); // the rest of the uplink still lands
    }

    @Test
    void verifiesThatAnUplinkWithFieldsOfUnexpectedShapesIsReadForWhatItHas() throws Exception {
        // Objects where scalars belong, a gateway that is not an object, a tag-less device without a name: the parser
        // keeps its place, and what can be read is read
        String odd = "{\"deduplicationId\":{\"x\":[1,2]},\"time\":[\"2026\"],\"fCnt\":{\"n\":1},\"rxInfo\":[7,{\"rssi\":-90,"
                + "\"nsTime\":{\"a\":1},\"snr\":3}],\"deviceInfo\":{\"devEui\":\"70b3d57ed0051a01\",\"tags\":5},"
                + "\"object\":{\"water\":{\"level\":2.5}}}";
        Translated t = ChirpStack.translate(connector("chirpstack-bontang"), CATALOG, "application/a/device/b/event/up",
                odd.getBytes(StandardCharsets.UTF_8), Instant.now(), new FrameCounters(10));
        assertThat(values(t, "awlr-telihan")).containsEntry("level_cm", 2.5).containsEntry("rssi", -90.0).containsEntry("snr", 3.0);
        String nameless = "{\"deviceInfo\":{\"devEui\":\"0000000000000bad\"},\"fCnt\":1,\"object\":{}}";
        assertThatThrownBy(() -> ChirpStack.translate(connector("chirpstack-bontang"), CATALOG, "application/a/device/b/event/up",
                nameless.getBytes(StandardCharsets.UTF_8), Instant.now(), new FrameCounters(10)))
                .isInstanceOf(Rejected.class).hasMessageContaining("devEui 0000000000000bad");
        assertThat(Rfc3339.parse("2026-12-07T10:15:30.5+08:00")).isEqualTo(Instant.parse("2026-12-07T02:15:30.500Z"));
        assertThatThrownBy(() -> Rfc3339.parse("2026-12-07T10:15:xxZ")).isInstanceOf(java.time.DateTimeException.class);
    }

    @Test
    void verifiesThatOneUplinkHasOneGapWhicheverPathSeesItAndARejoinIsNoLoss() {
        FrameCounters counters = new FrameCounters(10);
        assertThat(counters.lost("d", 100)).isEqualTo(-1); // first heard
        assertThat(counters.lost("d", 103)).isEqualTo(2);
        assertThat(counters.lost("d", 103)).as("the same uplink by another path").isEqualTo(2);
        assertThat(counters.lost("d", 102)).as("late: counted with 103").isEqualTo(-1);
        assertThat(counters.lost("d", 0)).as("a rejoin").isEqualTo(-1);
        assertThat(counters.lost("d", 1)).isZero();
        assertThat(counters.lost("d", 3)).isEqualTo(1);
    }

    @Test
    void verifiesThatATheThingsStackUplinkIsReadWithItsCorrelationId() throws Exception {
        Translated t = TheThingsStack.translate(connector("tts-bontang"), CATALOG, JSON.readTree(sample("tts-uplink.json")),
                new FrameCounters(10));
        assertThat(t.refused()).isEmpty();
        // No values declared: the decoded payload's numbers by name; water.level is no metric of the gauge
        assertThat(values(t, "awlr-telihan")).containsEntry("water_level", 1.42).containsEntry("rssi", -104.0)
                .containsEntry("snr", 2.5);
        Sample s = t.samples().get("awlr-telihan").get(0);
        assertThat(s.id()).isEqualTo("as:up:01JEXAMPLEUPLINK000000000000");
        assertThat(s.time()).isEqualTo(Instant.parse("2026-12-07T02:15:31.712345678Z"));
        // Empty fields are left out by The Things Stack: f_cnt 0 and no rx_metadata
        Translated sparse = TheThingsStack.translate(connector("tts-bontang"), CATALOG, JSON.readTree(
                "{\"end_device_ids\":{\"device_id\":\"x\",\"dev_eui\":\"70B3D57ED0051A01\"},\"received_at\":\"2026-12-07T02:15:31Z\","
                        + "\"uplink_message\":{\"f_port\":1,\"decoded_payload\":{}}}"), new FrameCounters(10));
        assertThat(sparse.samples().get("awlr-telihan")).isEmpty();
    }

    @Test
    void verifiesThatAVendorsJsonIsMappedByTopicTableTimeZoneAndUnit() throws Exception {
        Translated t = Records.translate(connector("weatherlink"), CATALOG, "vendor/weatherlink/WL-6C2F/current",
                JSON.readTree(sample("weatherlink.json")));
        assertThat(t.refused()).isEmpty();
        assertThat(values(t, "wx-bontang")).containsEntry("temperature", 29.4).containsEntry("wind_speed", 14.4);
        assertThat(t.samples().get("wx-bontang").get(0).time()).isEqualTo(Instant.parse("2026-12-07T02:15:00Z")); // WITA
        Translated stranger = Records.translate(connector("weatherlink"), CATALOG, "vendor/weatherlink/WL-0000/current",
                JSON.readTree(sample("weatherlink.json")));
        assertThat(stranger.refused()).singleElement().satisfies(r -> assertThat(r.rejected().getMessage())
                .contains("'WL-0000' is not one of the connector's ids [WL-6C2F]"));
    }

    @Test
    void verifiesThatOneMessageMayCarrySeveralDevicesAndABadRecordCostsOnlyItself() throws Exception {
        Catalog c = CatalogLoader.load("test", sample("../catalog-connectors.yaml"));
        String body = "{\"data\":[{\"dev\":\"A-1\",\"t\":1796611200,\"pm\":\"38,2\"},{\"dev\":\"A-2\",\"t\":\"soon\",\"pm\":12},"
                + "{\"dev\":\"A-2\",\"t\":1796611260000,\"pm\":{\"x\":1}},{\"dev\":\"A-3\",\"t\":1796611200,\"pm\":5}]}";
        Translated t = Records.translate(c.connector("many").orElseThrow(), c, "v/all", JSON.readTree(body));
        assertThat(values(t, "aq-1")).containsOnly(Map.entry("pm25", 38.2));
        assertThat(t.samples().get("aq-1").get(0).time()).isEqualTo(Instant.ofEpochSecond(1796611200));
        assertThat(t.refused()).extracting(r -> r.rejected().reason().code())
                .containsExactly("invalid-timestamp", "not-a-number", "unknown-device");
        assertThat(t.refused().get(0).rejected().getMessage()).startsWith("record 1: connector many: the time at t is \"soon\"");
    }

    @Test
    void verifiesThatBmkgsLatestEarthquakeIsReadWithNumbersWrittenAsText() throws Exception {
        Translated t = Records.translate(connector("bmkg-gempa"), CATALOG, null, JSON.readTree(sample("autogempa.json")));
        assertThat(t.refused()).isEmpty();
        assertThat(values(t, "gempa")).containsOnly(Map.entry("magnitude", 4.8), Map.entry("depth_km", 10.0));
        assertThat(t.samples().get("gempa").get(0).id()).isEqualTo("2026-12-07T02:41:12+00:00");
    }

    @Test
    void verifiesThatTheWatermarkKeepsOnlyNewerRecords() throws Exception {
        JsonNode root = JSON.readTree(sample("autogempa.json"));
        ConnectorSpec c = CatalogLoader.load("test", sample("../catalog-connectors.yaml")).connector("paged").orElseThrow();
        JsonNode page = JSON.readTree("{\"items\":[{\"id\":7,\"v\":1},{\"id\":8,\"v\":2},{\"id\":9,\"v\":3}]}");
        Watermarks.Kept kept = Watermarks.keep(c, page, "8");
        assertThat(kept.json().path("items")).hasSize(1);
        assertThat(kept.newest()).isEqualTo("9");
        assertThat(kept.dropped()).isEqualTo(2);
        assertThat(Watermarks.newer("2026-12-07T02:41:12+00:00", "2026-12-07T10:41:11+08:00")).isTrue();
        assertThat(Watermarks.newer("2026-12-07T02:41:12Z", "2026-12-07T10:41:12+08:00")).as("the same time: taken again").isTrue();
        assertThat(Watermarks.newer("10", "9")).isTrue();
        assertThat(Watermarks.newer("9", "9")).as("the same id: taken already").isFalse();
        ConnectorSpec timed = CatalogLoader.load("test", sample("../catalog-connectors.yaml").replace("after: id", "after: at"))
                .connector("paged").orElseThrow();
        Instant now = Instant.now();
        JsonNode withFuture = JSON.readTree("{\"items\":[{\"id\":1,\"at\":\"" + now + "\",\"v\":1},{\"id\":2,\"at\":\""
                + now.plusSeconds(86_400 * 365) + "\",\"v\":2}]}");
        assertThat(Watermarks.keep(timed, withFuture, null).newest()).as("a record a year ahead does not move the watermark there")
                .isEqualTo(now.toString());
        assertThat(root).isNotNull();
    }

    @Test
    void verifiesThatEveryProblemOfAConnectorsSectionIsNamed() {
        String bad = """
                kinds: {k: {cadence: 60s, metrics: {pm25: {unit: ug/m3}}}}
                devices: [{id: d1, kind: k, devEui: XYZ}]
                connectors:
                  - {id: a, type: json, topic: "pantau/v1/x", values: {pm25: {path: p}}}
                  - {id: b, type: json, topic: "v/#/x", device: {topic: 1}}
                  - {id: c, type: pull, url: "http://h/p?token=abc", every: 0s, device: {id: nobody}, values: {pm25: {}}}
                  - {id: d, type: thethingsstack}
                  - {id: d1, type: chirpstack}
                  - {id: e, type: mqtt}
                  - {id: g, type: json, topic: "+/v1/#", device: {topic: 1}, values: {pm25: {path: x}}}
                  - {id: f, type: json, topic: "v/+/y", device: {topic: 1}, time: {path: t, format: "yyyy-QQ-bogus-pp"}, values: {pm25: {path: x, scale: 0}}}
                  - {id: h, type: chirpstack, application: abc}
                  - {id: i, type: chirpstack}
                """;
        assertThatThrownBy(() -> CatalogLoader.load("bad", bad)).isInstanceOf(CatalogException.class)
                .hasMessageContaining("devices[0] 'd1'.devEui: devEui is the device's EUI-64")
                .hasMessageContaining("connectors[0] 'a'.topic: 'pantau/v1/x' is not a topic filter Pantau may read")
                .hasMessageContaining("connectors[1] 'b'.topic: 'v/#/x' is not a topic filter")
                .hasMessageContaining("connectors[2] 'c'.url: a credential in the url would be in clear")
                .hasMessageContaining("connectors[2] 'c'.every: '0s' must be a positive duration")
                .hasMessageContaining("connectors[2] 'c'.device.id: 'nobody' is not a device or feed of the catalog")
                .hasMessageContaining("connectors[3] 'd'.secret: a webhook needs a secret")
                .hasMessageContaining("connectors[4] 'd1'.id: id is already used by another connector, device or feed")
                .hasMessageContaining("connectors[5] 'e'.type: unknown value 'mqtt'")
                .hasMessageContaining("connectors[6] 'g'.topic: '+/v1/#' is not a topic filter Pantau may read")
                .hasMessageContaining("connectors[7] 'f'.values.pm25.scale: scale is a finite number other than 0")
                .hasMessageContaining("connectors[7] 'f'.time.format: format is iso, epoch-s, epoch-ms or a date-time pattern")
                .hasMessageContaining("connectors[9] 'i'.topic: topic 'application/+/device/+/event/+' overlaps "
                        + "'application/abc/device/+/event/+', which another connector reads");
    }

    @Test
    void verifiesThatTheDocumentedHealthTilesAndAlarmsOfALorawanDeviceLoad() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "catalog.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\n(indicators:\n  - id: \"battery.*?)```",
                java.util.regex.Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("docs/catalog.md shows a battery tile").isTrue();
        String[] parts = m.group(1).split("\nalarms:\n");
        String builtIn = sample("../catalog/bontang.yaml");
        String text = builtIn.replace("\nindicators:\n", "\nindicators:\n" + parts[0].substring("indicators:\n".length()) + "\n")
                .replace("\nalarms:\n", "\nalarms:\n" + parts[1]);
        Catalog c = CatalogLoader.load("docs", text);
        assertThat(c.indicators()).anyMatch(i -> i.id().equals("battery.awlr-telihan"));
        assertThat(c.alarms()).anyMatch(a -> a.id().equals("lorawan-battery"));
        assertThat(c.source("awlr-telihan").orElseThrow().metrics()).containsKeys("level_cm", "battery", "rssi", "snr", "uplinks_lost");
    }

    @Test
    void verifiesThatTopicFiltersMatchAsMqttSays() {
        assertThat(Translations.matches("application/+/device/+/event/+", "application/1/device/ab/event/up")).isTrue();
        assertThat(Translations.matches("application/+/device/+/event/+", "application/1/device/ab/event")).isFalse();
        assertThat(Translations.matches("v/#", "v/a/b")).isTrue();
        assertThat(Translations.matches("v/+", "v/a/b")).isFalse();
        assertThat(List.of(Translations.matches("v/+/x", "v//x"))).containsExactly(true);
    }
}
