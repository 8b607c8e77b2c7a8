package id.bontang.pantau.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.catalog.Title;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies the deadband, on-delay and off-delay of one rule on one subject, at their edges. */
class WatchTest {

    static final Title T = new Title("t", "t");
    /** A tide gauge: Waspada 220, Siaga 240, Awas 260 as severity 2, 3, 4. */
    static final List<AlarmRule.Level> GAUGE = List.of(new AlarmRule.Level(220, 2, T), new AlarmRule.Level(240, 3, T),
            new AlarmRule.Level(260, 4, T));

    static Watch watch(double deadband, Duration on, Duration off, boolean below, List<AlarmRule.Level> levels) {
        AlarmRule.Subject s = new AlarmRule.Subject("flood.tide-loktuan", "flood.tide-loktuan", "tide-loktuan", "loktuan",
                "Pasut Loktuan", levels, null);
        AlarmRule rule = new AlarmRule("flood-level", AlarmRule.Kind.THRESHOLD, T, on, off, deadband, below, "value", Map.of(),
                0, List.of(s));
        return new Watch(rule, s);
    }

    static Watch tide(double deadband) {
        return watch(deadband, Duration.ZERO, Duration.ZERO, false, GAUGE);
    }

    @Test
    void verifiesThatALevelIsReachedAtItsThresholdAndNotBelow() {
        Watch w = tide(5);
        w.figure(219.9, 0);
        assertThat(w.effective()).isZero();
        w.figure(220.0, 1);
        assertThat(w.effective()).isEqualTo(2);
        w.figure(239.9, 2);
        assertThat(w.effective()).isEqualTo(2);
        w.figure(240.0, 3);
        assertThat(w.effective()).isEqualTo(3);
        w.figure(260.0, 4);
        assertThat(w.effective()).isEqualTo(4);
    }

    @Test
    void verifiesThatALevelHoveringAtItsThresholdStaysOneConditionWithinTheDeadband() {
        Watch w = tide(5);
        int changes = 0;
        int last = 0;
        for (int i = 0; i < 40; i++) {
            w.figure(i % 2 == 0 ? 240.2 : 235.1, i);
            if (w.effective() != last) {
                changes++;
                last = w.effective();
            }
        }
        assertThat(changes).isEqualTo(1);
        assertThat(w.effective()).isEqualTo(3);
        w.figure(235.0, 100); // exactly the deadband back: still Siaga
        assertThat(w.effective()).isEqualTo(3);
        w.figure(234.9, 101); // past it: Waspada
        assertThat(w.effective()).isEqualTo(2);
        w.figure(215.0, 102);
        assertThat(w.effective()).isEqualTo(2);
        w.figure(214.9, 103);
        assertThat(w.effective()).isZero();
    }

    @Test
    void verifiesThatWithoutADeadbandTheSameHoveringFlaps() {
        Watch w = tide(0);
        w.figure(240.2, 0);
        w.figure(239.9, 1);
        assertThat(w.effective()).isEqualTo(2);
    }

    @Test
    void verifiesTheOnDelayAtItsEdge() {
        Watch w = watch(0, Duration.ofSeconds(60), Duration.ZERO, false, GAUGE);
        w.figure(245.0, 1_000);
        assertThat(w.effective()).isZero();
        w.tick(60_999);
        assertThat(w.effective()).isZero();
        w.tick(61_000);
        assertThat(w.effective()).isEqualTo(3);
    }

    @Test
    void verifiesThatAConditionBrokenDuringTheOnDelayStartsItAgain() {
        Watch w = watch(0, Duration.ofSeconds(60), Duration.ZERO, false, GAUGE);
        w.figure(245.0, 0);
        w.figure(100.0, 30_000);
        w.figure(245.0, 40_000);
        w.tick(60_000);
        assertThat(w.effective()).isZero();
        w.tick(100_000);
        assertThat(w.effective()).isEqualTo(3);
    }

    @Test
    void verifiesTheOffDelayAtItsEdge() {
        Watch w = watch(0, Duration.ZERO, Duration.ofSeconds(120), false, GAUGE);
        w.figure(245.0, 0);
        assertThat(w.effective()).isEqualTo(3);
        w.figure(100.0, 10_000);
        w.tick(129_999);
        assertThat(w.effective()).isEqualTo(3);
        w.tick(130_000);
        assertThat(w.effective()).isZero();
    }

    @Test
    void verifiesThatAConditionReturningDuringTheOffDelayKeepsTheAlarm() {
        Watch w = watch(0, Duration.ZERO, Duration.ofSeconds(120), false, GAUGE);
        w.figure(245.0, 0);
        w.figure(100.0, 10_000);
        w.figure(250.0, 100_000);
        w.tick(200_000);
        assertThat(w.effective()).isEqualTo(3);
    }

    @Test
    void verifiesThatAnUnknownFigureChangesNothing() {
        Watch w = tide(0);
        w.figure(250.0, 0);
        w.figure(null, 1);
        w.tick(1_000_000);
        assertThat(w.effective()).isEqualTo(3);
    }

    @Test
    void verifiesLevelsBelowForASharePlusItsDeadband() {
        Watch w = watch(2, Duration.ZERO, Duration.ZERO, true, List.of(new AlarmRule.Level(90, 2, T),
                new AlarmRule.Level(75, 3, T)));
        w.figure(90.1, 0);
        assertThat(w.effective()).isZero();
        w.figure(90.0, 1);
        assertThat(w.effective()).isEqualTo(2);
        w.figure(75.0, 2);
        assertThat(w.effective()).isEqualTo(3);
        w.figure(77.0, 3);
        assertThat(w.effective()).isEqualTo(3);
        w.figure(77.1, 4);
        assertThat(w.effective()).isEqualTo(2);
        w.figure(92.1, 5);
        assertThat(w.effective()).isZero();
    }
}
