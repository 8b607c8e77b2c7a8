package id.bontang.pantau.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies the default alarm rules as bontang.md names them, and that a bad rule is refused naming the rule and field. */
class AlarmRulesReaderTest {

    static AlarmRule rule(Catalog c, String id) {
        return c.alarms().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void verifiesTheDefaultRulesAndTheirSubjects() {
        Catalog c = CatalogProducer.builtIn();
        AlarmRule flood = rule(c, "flood-level");
        assertThat(flood.subjects()).extracting(AlarmRule.Subject::source).containsExactly("awlr-sungai-km5", "awlr-api-api",
                "awlr-telihan", "tide-bontang-kuala", "tide-loktuan", "tide-tanjung-laut-indah");
        AlarmRule.Subject loktuan = flood.subjects().stream().filter(s -> s.source().equals("tide-loktuan")).findFirst()
                .orElseThrow();
        assertThat(loktuan.levels()).extracting(AlarmRule.Level::at, AlarmRule.Level::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(220.0, 2), org.assertj.core.groups.Tuple.tuple(240.0, 3),
                        org.assertj.core.groups.Tuple.tuple(260.0, 4));
        assertThat(loktuan.levels().get(1).label().id()).isEqualTo("Siaga");
        assertThat(loktuan.area()).isEqualTo("loktuan");
        assertThat(flood.deadband()).isEqualTo(5);

        AlarmRule ispu = rule(c, "ispu-unhealthy");
        assertThat(ispu.subjects()).hasSize(6);
        assertThat(ispu.subjects().get(0).levels()).extracting(AlarmRule.Level::severity).containsExactly(2, 3, 4);
        assertThat(ispu.subjects().get(0).levels()).extracting(AlarmRule.Level::at).containsExactly(101.0, 201.0, 301.0);

        assertThat(rule(c, "cctv-online-low").below()).isTrue();
        assertThat(rule(c, "tile-status").statusSeverity()).isEqualTo(Map.of("warning", 1, "critical", 2));
        AlarmRule feeds = rule(c, "feed-silent");
        assertThat(feeds.subjects()).hasSize(8); // BMKG's quakes too: its silence is its polling's (docs/catalog.md, pull feeds)
        assertThat(feeds.subjects().stream().filter(s -> s.id().equals("pariwisata")).findFirst().orElseThrow().silentAfter())
                .isEqualTo(Duration.ofHours(1));
        AlarmRule silent = rule(c, "device-silent");
        assertThat(silent.subjects()).noneMatch(s -> s.id().startsWith("cctv-"));
        assertThat(silent.subjects().stream().filter(s -> s.id().equals("pju-panel-01")).findFirst().orElseThrow()
                .silentAfter()).as("5 cadences of 300 s").isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    void verifiesThatEachBadRuleIsNamedWithItsField() {
        String yaml = CatalogLoaderTest.builtInWith("alarms:\n", """
                alarms:
                  - id: no-kind
                    tiles: rain.city
                    message: {id: a, en: a}
                  - id: bad-levels
                    kind: threshold
                    tiles: rain.city
                    levels: [{at: 10, severity: 3}, {at: 5, severity: 4}]
                    message: {id: a, en: a}
                  - id: bad-severity
                    kind: silent
                    sources: {kind: awlr}
                    severity: 7
                    message: {id: a, en: a}
                  - id: no-tile
                    kind: status
                    tiles: "nothing.*"
                    severity: {warning: 1}
                    message: {id: a, en: a}
                  - id: no-english
                    kind: offline
                    sources: {kind: awlr}
                    severity: 2
                    message: {id: a}
                  - id: bad-delay
                    kind: offline
                    sources: {kind: awlr}
                    severity: 2
                    onDelay: soon
                    message: {id: a, en: a}
                  - id: not-a-gauge
                    kind: threshold
                    tiles: rain.city
                    levels: gauge
                    message: {id: a, en: a}
                  - id: offline-feed
                    kind: offline
                    sources: {ids: [call112]}
                    severity: 2
                    message: {id: a, en: a}
                """);
        CatalogException e = catchCatalog(yaml);
        List<String> p = e.problems();
        assertThat(p).anyMatch(s -> s.startsWith("alarms[0] 'no-kind'.kind:"));
        assertThat(p).anyMatch(s -> s.startsWith("alarms[1] 'bad-levels'.levels:") && s.contains("further up"));
        assertThat(p).anyMatch(s -> s.startsWith("alarms[2] 'bad-severity'.severity:") && s.contains("1 (low) … 4"));
        assertThat(p).anyMatch(s -> s.startsWith("alarms[3] 'no-tile'.tiles:") && s.contains("nothing.*"));
        assertThat(p).anyMatch(s -> s.startsWith("alarms[4] 'no-english'.message:"));
        assertThat(p).anyMatch(s -> s.startsWith("alarms[5] 'bad-delay'.onDelay:") && s.contains("soon"));
        assertThat(p).anyMatch(s -> s.startsWith("alarms[6] 'not-a-gauge'.levels:") && s.contains("rain.city"));
        assertThat(p).anyMatch(s -> s.startsWith("alarms[7] 'offline-feed'.sources:") && s.contains("call112"));
        assertThat(p).hasSize(8);
    }

    private static CatalogException catchCatalog(String yaml) {
        try {
            CatalogLoader.load("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (CatalogException e) {
            return e;
        }
        throw new AssertionError("the catalog was accepted");
    }
}
