package id.bontang.pantau.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.indicator.SourceActivity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verifies how the silence of a source is judged: planned sources are not missed, heard ones are. */
class ConditionsTest {

    static final long START = 1_800_000_000_000L;
    static final Duration AFTER = Duration.ofMinutes(5);

    static Watch silent(String source) {
        AlarmRule.Subject s = new AlarmRule.Subject(source, null, source, "loktuan", source, List.of(), AFTER);
        AlarmRule rule = new AlarmRule("device-silent", AlarmRule.Kind.SILENT, WatchTest.T, Duration.ZERO, Duration.ZERO, 0,
                false, null, Map.of(), 2, List.of(s));
        return new Watch(rule, s);
    }

    @Test
    void verifiesThatAPlannedSourceIsNeverSilentWhileOneHeardBeforeIsOnceItsSilenceOutlastsItsAllowance() {
        SourceActivity activity = new SourceActivity();
        // The database says: heard two days before this start; the other one never.
        activity.heardBefore(Map.of("awlr-heard", START - Duration.ofDays(2).toMillis()));
        Conditions conditions = new Conditions(activity, null, START);
        Watch planned = silent("awlr-planned");
        Watch heard = silent("awlr-heard");

        conditions.tick(planned, START + AFTER.toMillis() - 1);
        conditions.tick(heard, START + AFTER.toMillis() - 1);
        assertThat(heard.effective()).as("a restart raises nothing at once: silence counted from the start").isZero();

        for (long t = START + AFTER.toMillis() + 1; t < START + Duration.ofDays(1).toMillis(); t += Duration.ofHours(1).toMillis()) {
            conditions.tick(planned, t);
            conditions.tick(heard, t);
            assertThat(planned.effective()).as("planned: declared, never heard").isZero();
            assertThat(heard.effective()).as("heard before, silent since").isEqualTo(2);
        }
    }
}
