package id.bontang.pantau.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.indicator.Ispu;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scenarios' curves against the built-in catalog's own rules, without a server. */
class ScenarioTest {

    private static final Catalog CATALOG = CatalogProducer.builtIn();
    private static final long MIN = Scenario.MIN;

    private static AlarmRule rule(String id) {
        return CATALOG.alarms().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** The first minute from {@code from} at which {@code level} holds, or -1. */
    private static long firstMinute(long from, long to, java.util.function.LongPredicate level) {
        for (long m = from; m <= to; m++) {
            if (level.test(m)) {
                return m;
            }
        }
        return -1;
    }

    @Test
    void verifiesThatTheSpringTidePassesWaspadaSiagaAwasInOrderAndClearsBeforeItEnds() {
        Source gauge = CATALOG.source(Scenario.SPRING_TIDE.source).orElseThrow();
        AlarmRule flood = rule("flood-level");
        assertThat(flood.subjects()).anyMatch(s -> gauge.id().equals(s.source()));
        double waspada = gauge.levels().waspada(), siaga = gauge.levels().siaga(), awas = gauge.levels().awas();
        long end = Scenario.SPRING_TIDE.length.toMillis() / MIN;
        // What the gauge sends, over a normal tide of 150 cm.
        java.util.function.LongToDoubleFunction sent = m -> Scenario.SPRING_TIDE.apply(Map.of("level_cm", 150.0), m * MIN)
                .get("level_cm");

        long w = firstMinute(0, end, m -> sent.applyAsDouble(m) >= waspada);
        long s = firstMinute(0, end, m -> sent.applyAsDouble(m) >= siaga);
        long a = firstMinute(0, end, m -> sent.applyAsDouble(m) >= awas);
        assertThat(sent.applyAsDouble(0)).isLessThan(waspada);
        assertThat(w).isPositive().isLessThan(s);
        assertThat(s).isLessThan(a);
        assertThat(a).as("rises over 10–15 min").isBetween(10L, 15L);
        long held = firstMinute(a, end, m -> sent.applyAsDouble(m) < awas);
        assertThat(held - a).as("Awas held for minutes").isGreaterThanOrEqualTo(4);
        // Back below Waspada past the deadband, and long enough for the off-delay, while the scenario still holds it.
        long below = firstMinute(a, end, m -> sent.applyAsDouble(m) < waspada - flood.deadband());
        for (long m = below; m <= end - Scenario.BLEND / MIN; m++) {
            assertThat(sent.applyAsDouble(m)).as("minute %d", m).isLessThan(waspada - flood.deadband());
        }
        assertThat((end - Scenario.BLEND / MIN - below) * MIN).isGreaterThan(flood.offDelay().toMillis());
        assertThat(Scenario.SPRING_TIDE.apply(Map.of("level_cm", 150.0), end * MIN).get("level_cm")).isEqualTo(150.0);
    }

    @Test
    void verifiesThatTheSmokeTakesThe24HourIspuToTidakSehatThenSangatTidakSehatWithinTheCatalogsRange() {
        Source station = CATALOG.source(Scenario.AIR_QUALITY.source).orElseThrow();
        AlarmRule ispu = rule("ispu-unhealthy");
        assertThat(ispu.subjects()).anyMatch(s -> station.id().equals(s.source()));
        long end = Scenario.AIR_QUALITY.length.toMillis() / MIN;
        for (double background : new double[] {8, 15, 40}) { // a clear day to a hazy one
            // A day of one reading a minute at the background, then the episode's readings in its place.
            double sum = background * 1440;
            long unhealthy = -1, very = -1;
            for (long m = 0; m < end; m++) {
                Map<String, Double> v = Scenario.AIR_QUALITY.apply(Map.of("pm25", background, "pm10", 1.7 * background), m * MIN);
                assertThat(v.get("pm25")).isLessThan(station.metrics().get("pm25").max());
                assertThat(v.get("pm10")).isLessThan(station.metrics().get("pm10").max());
                sum += v.get("pm25") - background;
                long index = Ispu.round(Ispu.subIndex("pm25", sum / 1440).value());
                assertThat(index).as("never Berbahaya").isLessThan(301);
                if (unhealthy < 0 && index >= 101) {
                    unhealthy = m;
                }
                if (very < 0 && index >= 201) {
                    very = m;
                }
            }
            assertThat(unhealthy).as("Tidak Sehat, background %s", background).isPositive();
            assertThat(very).as("Sangat Tidak Sehat, background %s", background).isGreaterThan(unhealthy);
            assertThat((end - very) * MIN).as("held past the on-delay").isGreaterThan(ispu.onDelay().toMillis());
        }
        assertThat(Scenario.smoke(0)).isZero();
        assertThat(Scenario.smoke(end * MIN)).isZero();
        assertThat(Scenario.AIR_QUALITY.rest).as("its alarm lasts a day: played once a day").isGreaterThan(java.time.Duration.ofHours(24));
    }

    @Test
    void verifiesThatTheSilentFeedIsQuietLongerThanItsSilentAfterThenSendsAgain() {
        Source feed = CATALOG.source(Scenario.SILENT_FEED.source).orElseThrow();
        assertThat(feed.isFeed()).isTrue();
        assertThat(rule("feed-silent").subjects()).anyMatch(s -> feed.id().equals(s.source()));
        Map<String, Double> normal = Map.of("waiting", 12.0);
        long quiet = firstMinute(0, 60, m -> !Scenario.SILENT_FEED.apply(normal, m * MIN).isEmpty()) * MIN;
        assertThat(Scenario.SILENT_FEED.apply(normal, 0)).isEmpty();
        // The last record before it may be a cadence early; the silence must outlast silentAfter even counted from then.
        assertThat(quiet).isGreaterThan(feed.silentAfter().toMillis() + 2 * feed.cadence().toMillis());
        assertThat(Scenario.SILENT_FEED.apply(normal, Scenario.SILENT_FEED.length.toMillis())).isEqualTo(normal);
    }

    @Test
    void verifiesThatEveryScenarioHasADistinctNameAndASourceOfTheBuiltInCatalog() {
        for (Scenario s : Scenario.values()) {
            assertThat(Scenario.of(s.id)).isSameAs(s);
            assertThat(CATALOG.source(s.source)).as(s.id).isPresent();
        }
        assertThat(Scenario.of("tsunami")).isNull();
    }
}
