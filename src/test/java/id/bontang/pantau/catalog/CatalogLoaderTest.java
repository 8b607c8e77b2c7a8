package id.bontang.pantau.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {


    @Test
    void verifiesThatTheBuiltInCatalogHoldsBontangAsTheDomainDescribesIt() {
        Catalog c = CatalogProducer.builtIn();
        assertThat(c.zone().getId()).isEqualTo("Asia/Makassar");
        assertThat(c.areas()).hasSize(15);
        assertThat(c.areas().stream().map(Area::kecamatan).distinct()).containsExactlyInAnyOrder(
                "Bontang Utara", "Bontang Selatan", "Bontang Barat");
        Area kuala = c.areas().stream().filter(a -> a.slug().equals("bontang-kuala")).findFirst().orElseThrow();
        assertThat(kuala.lat()).isEqualTo(0.1335);
        assertThat(kuala.lon()).isEqualTo(117.5081);

        assertThat(c.devices()).hasSize(6 + 3 + 3 + 1 + 4 + 20 + 66);
        assertThat(c.devices().stream().filter(d -> d.kind().equals("cctv"))).hasSize(66);
        assertThat(c.source("pju-panel-20")).isPresent();
        assertThat(c.source("cctv-066")).isPresent();
        Source loktuan = c.source("aqms-loktuan").orElseThrow();
        assertThat(loktuan.metrics().keySet()).containsExactlyInAnyOrder("pm10", "pm25", "so2", "co", "o3", "no2", "hc",
                "temperature", "humidity");
        assertThat(loktuan.metrics().get("pm25").unit()).isEqualTo("ug/m3");
        assertThat(loktuan.cadence().toSeconds()).isEqualTo(60);
        assertThat(c.source("pju-panel-01").orElseThrow().cadence().toSeconds()).isEqualTo(300);
        assertThat(c.source("tide-loktuan").orElseThrow().levels()).isEqualTo(new Levels(220, 240, 260));
        assertThat(c.source("awlr-sungai-km5").orElseThrow().levels()).isEqualTo(new Levels(150, 200, 300));
        assertThat(c.source("awlr-api-api").orElseThrow().levels()).isEqualTo(new Levels(100, 150, 200));
        assertThat(c.source("awlr-telihan").orElseThrow().levels()).isEqualTo(new Levels(120, 170, 220));

        assertThat(c.feeds().stream().map(Source::id)).containsExactly("rsud-queue", "call112", "lapor", "pdam", "umkm",
                "perpustakaan-digital", "pariwisata", "gempa");
        assertThat(c.source("rsud-queue").orElseThrow().metrics()).containsKeys("waiting", "eticket_obat_waiting",
                "median_wait_min");
    }

    @Test
    void verifiesThatEveryTileOfTheDomainExistsWithItsDimensionAndBilingualTitle() {
        Catalog c = CatalogProducer.builtIn();
        var dims = c.indicators().stream().collect(Collectors.toMap(IndicatorSpec::id, s -> s.dimension().code()));
        for (String station : List.of("loktuan", "guntung", "bontang-kuala", "api-api", "tanjung-laut", "bontang-lestari")) {
            assertThat(dims).containsEntry("ispu.aqms-" + station, "environment");
        }
        for (String gauge : List.of("awlr-sungai-km5", "awlr-api-api", "awlr-telihan", "tide-bontang-kuala",
                "tide-loktuan", "tide-tanjung-laut-indah")) {
            assertThat(dims).containsEntry("flood." + gauge, "environment");
        }
        for (String road : List.of("ahmad-yani", "mt-haryono", "soekarno-hatta", "bhayangkara")) {
            assertThat(dims).containsEntry("traffic.trf-" + road, "mobility");
        }
        assertThat(dims).containsEntry("ispu.city", "environment").containsEntry("rain.city", "environment")
                .containsEntry("cctv.online", "governance").containsEntry("call112.today", "governance")
                .containsEntry("lapor.open", "governance").containsEntry("rsud.queue", "living")
                .containsEntry("pdam.production", "living").containsEntry("umkm.orders-today", "economy")
                .containsEntry("umkm.revenue-today", "economy").containsEntry("library.visits-today", "people")
                .containsEntry("tourism.visitors-today", "branding").containsEntry("pju.energy-today", "environment");
        assertThat(dims).hasSize(28);
        assertThat(c.indicators()).allSatisfy(s -> {
            assertThat(s.title().id()).isNotBlank().doesNotContain("{");
            assertThat(s.title().en()).isNotBlank().doesNotContain("{");
        });
        IndicatorSpec city = c.indicators().stream().filter(s -> s.id().equals("ispu.city")).findFirst().orElseThrow();
        assertThat(city.of()).hasSize(6).allMatch(id -> id.startsWith("ispu.aqms-"));
    }

    /**
     * Verifies that the built-in catalog's English tile titles are English: the gauges are named by their place and
     * kind ("Water level · Loktuan tide gauge"), not by their Indonesian device names ("Pasut Loktuan"), while the
     * Indonesian titles keep those names; and that no English title carries the Indonesian words of the catalog.
     */
    @Test
    void verifiesThatTheBuiltInCatalogsEnglishTitlesAreEnglish() {
        Catalog c = CatalogProducer.builtIn();
        var titles = c.indicators().stream().collect(Collectors.toMap(IndicatorSpec::id, IndicatorSpec::title));
        assertThat(titles.get("flood.tide-loktuan")).isEqualTo(new Title("Tinggi muka air · Pasut Loktuan",
                "Water level · Loktuan tide gauge"));
        assertThat(titles.get("flood.tide-tanjung-laut-indah").en()).isEqualTo("Water level · Tanjung Laut Indah tide gauge");
        assertThat(titles.get("flood.awlr-sungai-km5")).isEqualTo(new Title("Tinggi muka air · Sungai KM 5",
                "River level · Gunung Elai"));
        assertThat(c.indicators().stream().filter(s -> s.id().startsWith("flood.")).map(IndicatorSpec::id))
                .containsExactly("flood.awlr-sungai-km5", "flood.awlr-api-api", "flood.awlr-telihan", "flood.tide-bontang-kuala",
                        "flood.tide-loktuan", "flood.tide-tanjung-laut-indah");
        java.util.regex.Pattern indonesian = java.util.regex.Pattern.compile("\\b(Pasut|Sungai|Tinggi|hari ini|Antrean|"
                + "Lalu lintas|Pesanan|Omzet|Kunjungan|Wisatawan|Curah|Energi|Panggilan|Pengaduan|Produksi|daring|menit|Kota|"
                + "UMKM|RSUD|PJU|PDAM)\\b");
        assertThat(c.indicators()).allSatisfy(s -> assertThat(indonesian.matcher(s.title().en()).find())
                .as(s.id() + ": " + s.title().en()).isFalse());
        assertThat(c.indicators().stream().flatMap(s -> s.extras().stream()).map(m -> m.title().en()))
                .noneMatch(en -> indonesian.matcher(en).find());
    }

    @Test
    void verifiesThatAProblemNamesTheFileTheEntryAndWhatIsWrong() {
        String yaml = builtInWith("  - {id: aqms-loktuan, kind: aqms, area: loktuan, name: AQMS Loktuan}",
                "  - {id: aqms-loktuan, kind: aqms, area: lokuan, name: AQMS Loktuan}");
        assertThatThrownBy(() -> load("bad.yaml", yaml))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("devices[0] 'aqms-loktuan'.area: unknown area 'lokuan'");
    }

    @Test
    void verifiesThatAllProblemsAreReportedAtOnce() {
        String yaml = builtInWith("  - {id: aqms-guntung, kind: aqms, area: guntung, name: AQMS Guntung}",
                "  - {id: aqms-guntung, kind: aqsm, area: guntung}\n  - {id: Bad_Id, kind: aqms, area: guntung}\n"
                        + "  - {id: pju-panel-01, kind: pju, area: loktuan}");
        CatalogException e = catchCatalog(yaml);
        assertThat(e.problems()).anyMatch(p -> p.contains("'aqms-guntung'.kind: unknown kind 'aqsm'"))
                .anyMatch(p -> p.contains("'Bad_Id'.id: id must match"))
                .anyMatch(p -> p.contains("'pju-panel-01'.id: id is already used"));
    }

    /** Verifies that a device or feed cannot take an id of Pantau's own: its login would be bound to that client id. */
    @Test
    void verifiesThatIdsStartingWithPantauAreRefused() {
        String yaml = builtInWith("  - {id: aqms-guntung, kind: aqms, area: guntung, name: AQMS Guntung}",
                "  - {id: pantau-store-pantau-1-1, kind: aqms, area: guntung, name: AQMS Guntung}");
        yaml = yaml.replace("  - id: call112\n", "  - id: pantau-alarms\n");
        CatalogException e = catchCatalog(yaml);
        assertThat(e.problems()).anyMatch(p -> p.contains("'pantau-store-pantau-1-1'.id: ids starting with 'pantau' are Pantau's own"))
                .anyMatch(p -> p.contains("'pantau-alarms'.id: ids starting with 'pantau'"));
    }

    @Test
    void verifiesThatATypoInAPropertyIsAnErrorWithItsLine() {
        String yaml = builtInWith("    cadence: 300s\n    metrics:\n      kwh:", "    cadense: 300s\n    metrics:\n      kwh:");
        assertThatThrownBy(() -> load("typo.yaml", yaml)).hasMessageContaining("typo.yaml")
                .hasMessageContaining("unknown property 'cadense'").hasMessageContaining("line ");
    }

    @Test
    void verifiesThatIndicatorDefinitionsAreChecked() {
        assertThat(catchCatalog(builtInWith("    metric: rain_mm\n    window: 1h", "    metric: rainfall\n    window: 1h"))
                .problems()).anyMatch(p -> p.contains("metric 'rainfall' is not measured by [wx-bontang]"));
        assertThat(catchCatalog(builtInWith("    metric: rain_mm\n    window: 1h", "    metric: rain_mm\n    window: 1 hour"))
                .problems()).anyMatch(p -> p.contains("'1 hour' is not a duration"));
        assertThat(catchCatalog(builtInWith("    thresholds: {warning: 10, critical: 20}",
                "    thresholds: {warning: 20, critical: 10}")).problems())
                .anyMatch(p -> p.contains("indicators[3] 'rain.city'.thresholds: critical must be at or above warning"));
        assertThat(catchCatalog(builtInWith("  - id: traffic.{source}", "  - id: traffic")).problems())
                .anyMatch(p -> p.contains("needs {source} in its id"));
        assertThat(catchCatalog(builtInWith("    of: ispu.aqms-*", "    of: ispu.station-*")).problems())
                .anyMatch(p -> p.contains("'ispu.city'") && p.contains("matches no other tile"));
        assertThat(catchCatalog(builtInWith("    aggregate: sum\n    unit: mm", "    aggregate: total\n    unit: mm"))
                .problems()).anyMatch(p -> p.contains("unknown aggregate 'total'"));
        assertThat(catchCatalog(builtInWith("    dimension: mobility", "    dimension: transport")).problems())
                .anyMatch(p -> p.contains("unknown value 'transport'"));
    }

    @Test
    void verifiesThatTheCatalogSaysWhichMetricsAreIncrementsAndThatOnlyThoseAreSummed() {
        Catalog c = CatalogProducer.builtIn();
        assertThat(c.source("call112").orElseThrow().metrics().get("calls").increment()).isTrue();
        assertThat(c.source("umkm").orElseThrow().metrics().get("revenue_idr").increment()).isTrue();
        assertThat(c.source("wx-bontang").orElseThrow().metrics().get("rain_mm").type()).isEqualTo(MetricSpec.Type.TOTAL);
        assertThat(c.source("wx-bontang").orElseThrow().metrics().get("rain_mm").increment()).isFalse();
        assertThat(c.source("tide-loktuan").orElseThrow().metrics().get("level_cm").increment()).isFalse();
        assertThat(c.source("lapor").orElseThrow().metrics().get("open").increment()).as("a count of open complaints is a state")
                .isFalse();
        assertThat(catchCatalog(builtInWith("      rain_mm: {unit: mm, type: total,", "      rain_mm: {unit: mm,")).problems())
                .anyMatch(p -> p.contains("indicators[3] 'rain.city'") && p.contains("aggregate sum adds up 'rain_mm', which is a state"));
        assertThat(catchCatalog(builtInWith("      rain_mm: {unit: mm, type: total,", "      rain_mm: {unit: mm, type: counter,"))
                .problems()).anyMatch(p -> p.contains("kinds.wx.metrics.rain_mm: type is 'state'") && p.contains("not 'counter'"));
    }

    @Test
    void verifiesThatAnotherCatalogFileCanBeNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kota.yaml");
        Files.writeString(file, """
                city: {name: Kota Uji, timezone: Asia/Jakarta}
                areas:
                  - {slug: pusat, name: Pusat, kecamatan: Kota, lat: -6.2, lon: 106.8}
                kinds:
                  gauge:
                    title: {id: Pos, en: Gauge}
                    cadence: 30s
                    metrics:
                      level_cm: {unit: cm}
                devices:
                  - {id: g1, kind: gauge, area: pusat}
                indicators:
                  - id: level.{source}
                    each: {kind: gauge}
                    metric: level_cm
                    dimension: environment
                    title: {id: "Tinggi {name}", en: "Level {name}"}
                """);
        Catalog c = CatalogProducer.fromFile(file.toString());
        assertThat(c.city()).isEqualTo("Kota Uji");
        assertThat(c.indicators()).extracting(IndicatorSpec::id).containsExactly("level.g1");
        assertThatThrownBy(() -> CatalogProducer.fromFile(dir.resolve("missing.yaml").toString()))
                .hasMessageContaining("missing.yaml").hasMessageContaining("does not exist");
    }

    /**
     * Verifies a device's declared life: retired keeps no tile and no alarm; in maintenance keeps its tile, and no alarm
     * watches it; a tile that names a retired device is a problem, as is an unknown state.
     */
    @Test
    void verifiesThatARetiredDeviceHasNoTileAndADeviceInMaintenanceNoAlarm() {
        Catalog c = load("life.yaml", builtInWith("{id: aqms-guntung, kind: aqms, area: guntung, name: AQMS Guntung}",
                "{id: aqms-guntung, kind: aqms, area: guntung, name: AQMS Guntung, state: retired}")
                .replace("{id: tide-loktuan, kind: tide, area: loktuan,", "{id: tide-loktuan, kind: tide, area: loktuan, state: maintenance,"));
        assertThat(c.source("aqms-guntung").orElseThrow().life()).isEqualTo(Source.Life.RETIRED);
        assertThat(c.indicators()).extracting(IndicatorSpec::id).doesNotContain("ispu.aqms-guntung").contains("flood.tide-loktuan");
        assertThat(c.indicators().stream().filter(t -> t.id().equals("ispu.city")).findFirst().orElseThrow().of())
                .as("the city's worst of the stations' tiles").doesNotContain("ispu.aqms-guntung").contains("ispu.aqms-loktuan");
        java.util.function.Function<String, List<String>> subjects = rule -> c.alarms().stream().filter(a -> a.id().equals(rule))
                .findFirst().orElseThrow().subjects().stream().map(AlarmRule.Subject::id).toList();
        assertThat(subjects.apply("device-silent")).doesNotContain("aqms-guntung", "tide-loktuan").contains("aqms-loktuan");
        assertThat(subjects.apply("flood-level")).doesNotContain("flood.tide-loktuan").contains("flood.awlr-sungai-km5");
        assertThat(BrokerAccess.identities(c).logins()).extracting(DynamicSecurity.Login::username)
                .as("a retired device's broker login goes").doesNotContain("aqms-guntung").contains("tide-loktuan", "aqms-loktuan");

        CatalogException e = catchCatalog(builtInWith("{id: wx-bontang, kind: wx, area: api-api, name: Cuaca Bontang}",
                "{id: wx-bontang, kind: wx, area: api-api, name: Cuaca Bontang, state: retired}")
                .replace("{id: aqms-guntung, kind: aqms, area: guntung, name: AQMS Guntung}",
                        "{id: aqms-guntung, kind: aqms, area: guntung, name: AQMS Guntung, state: broken}"));
        assertThat(e.problems()).anyMatch(p -> p.contains("'wx-bontang' is retired"))
                .anyMatch(p -> p.contains("'aqms-guntung'.state: unknown value 'broken'"));
    }

    private static CatalogException catchCatalog(String yaml) {
        try {
            load("test.yaml", yaml);
        } catch (CatalogException e) {
            return e;
        }
        throw new AssertionError("the catalog was accepted");
    }

    private static Catalog load(String name, String yaml) {
        return CatalogLoader.load(name, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static String builtInWith(String original, String replacement) {
        try (InputStream in = CatalogLoaderTest.class.getClassLoader().getResourceAsStream("catalog/bontang.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(yaml).as("the built-in catalog holds the text to replace").contains(original);
            return yaml.replaceFirst(java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(replacement));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
