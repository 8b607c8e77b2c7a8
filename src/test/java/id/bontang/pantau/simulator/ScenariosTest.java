package id.bontang.pantau.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** Playing and taking turns, without a server. */
class ScenariosTest {

    private static final Catalog CATALOG = CatalogProducer.builtIn();

    private static Scenarios scenarios(List<String> names) {
        return new Scenarios(new SimulatorConfig() {
            public boolean enabled() { return true; }
            public long seed() { return 2016; }
            public double rateFactor() { return 1; }
            public Duration backfill() { return Duration.ZERO; }
            public int backfillRate() { return 1; }
            public Optional<String> username() { return Optional.empty(); }
            public Optional<String> password() { return Optional.empty(); }
            public int qos() { return 0; }
            public List<String> scenarios() { return names; }
            public Duration scenarioEvery() { return Duration.ofMinutes(45); }
            public Duration scenarioFirst() { return Duration.ofMinutes(2); }
            public double scenarioSpeed() { return 1; }
        });
    }

    private static Instant next(Scenarios s, String name) {
        return s.list().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().nextRun();
    }

    @Test
    void verifiesThatAStartedScenarioChangesOnlyItsSourceWhileItPlays() {
        Scenarios s = scenarios(List.of("none"));
        Scenarios.Play play = s.start(Scenario.SPRING_TIDE);
        assertThat(s.start(Scenario.SPRING_TIDE)).as("playing already").isNull();
        long start = play.startedAt().toEpochMilli();
        Map<String, Double> normal = Map.of("level_cm", 150.0);
        var gauge = CATALOG.source("tide-bontang-kuala").orElseThrow();
        var other = CATALOG.source("tide-loktuan").orElseThrow();
        assertThat(s.apply(gauge, start + 13 * Scenario.MIN, normal)).containsEntry("level_cm", 270.0);
        assertThat(s.apply(other, start + 13 * Scenario.MIN, normal)).isEqualTo(normal);
        assertThat(s.apply(gauge, start - 1, normal)).as("before it").isEqualTo(normal);
        assertThat(s.apply(gauge, play.endsAt().toEpochMilli(), normal)).as("after it").isEqualTo(normal);
        assertThat(Duration.between(play.startedAt(), play.endsAt())).isEqualTo(Scenario.SPRING_TIDE.length);
    }

    @Test
    void verifiesThatScenariosTakeTurnsAndTheSmokeRestsADay() {
        Scenarios s = scenarios(List.of("spring-tide", "air-quality", "silent-feed"));
        assertThat(next(s, "spring-tide")).as("not scheduled before the simulator plays live").isNull();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            long before = System.currentTimeMillis();
            s.schedule(timer);
            assertThat(next(s, "spring-tide")).isBetween(Instant.ofEpochMilli(before).plus(Duration.ofMinutes(2)),
                    Instant.now().plus(Duration.ofMinutes(2)));
            assertThat(Duration.between(next(s, "spring-tide"), next(s, "air-quality"))).isEqualTo(Duration.ofMinutes(45));
            assertThat(Duration.between(next(s, "spring-tide"), next(s, "silent-feed"))).isEqualTo(Duration.ofMinutes(90));
            s.start(Scenario.AIR_QUALITY); // on demand: its next turn waits out the rest
            assertThat(next(s, "air-quality")).isAfter(Instant.now().plus(Scenario.AIR_QUALITY.rest));
            assertThat(s.list()).filteredOn(Scenarios.Status::running).extracting(Scenarios.Status::name)
                    .containsExactly("air-quality");
        } finally {
            timer.shutdownNow();
        }
    }
}
