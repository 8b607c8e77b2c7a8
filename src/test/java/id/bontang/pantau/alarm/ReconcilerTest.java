package id.bontang.pantau.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.catalog.Title;
import id.bontang.pantau.indicator.SourceActivity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verifies that two instances (two books over one store, each with its own watch) whose views of a gauge differ by
 * seconds raise one alarm and clear it once, never undoing each other; and that an alarm whose instance is gone is
 * cleared by the other after its condition has been gone a while.
 */
class ReconcilerTest {

    static final Title T = new Title("m {value}", "m {value}");

    static final class Instance {
        final AlarmBook book;
        final Watch watch;
        final Reconciler reconciler;

        Instance(AlarmStore store, AlarmRule rule) throws Exception {
            book = new AlarmBook(store, LifecycleTest.Config.defaults());
            book.load();
            watch = new Watch(rule, rule.subjects().get(0));
            reconciler = new Reconciler(book, new AlarmMetrics(book, new SimpleMeterRegistry()),
                    new Conditions(new SourceActivity(), null, 0), Map.of(), id -> null);
        }

        void figure(double cm, long now) throws Exception {
            watch.figure(cm, now);
            book.sync(true);
            reconciler.reconcile(watch, now);
        }

        void tick(long now) throws Exception {
            watch.tick(now);
            book.sync(true);
            reconciler.reconcile(watch, now);
        }

        Alarm alarm() {
            return book.current("flood-level", "flood.tide-loktuan");
        }
    }

    static AlarmRule rule(Duration offDelay) {
        AlarmRule.Subject s = new AlarmRule.Subject("flood.tide-loktuan", "flood.tide-loktuan", "tide-loktuan", "loktuan",
                "Pasut Loktuan", WatchTest.GAUGE, null);
        return new AlarmRule("flood-level", AlarmRule.Kind.THRESHOLD, T, Duration.ZERO, offDelay, 5, false, "value", Map.of(),
                0, List.of(s));
    }

    @Test
    void verifiesThatTwoInstancesSecondsApartRaiseOnceAndClearOnce() throws Exception {
        MemoryAlarmStore store = new MemoryAlarmStore();
        AlarmRule rule = rule(Duration.ofSeconds(10));
        Instance a = new Instance(store, rule);
        Instance b = new Instance(store, rule);
        a.figure(250, 0);
        b.figure(250, 1_000);
        assertThat(store.query(AlarmQuery.open())).hasSize(1);
        long id = a.alarm().id();
        assertThat(b.alarm().id()).isEqualTo(id);

        a.figure(180, 100_000); // a hears the gauge fall first
        for (long t = 100_000; t <= 130_000; t += 1_000) {
            if (t == 104_000) {
                b.figure(180, t); // b, four seconds later
            }
            a.tick(t);
            b.tick(t);
        }
        Alarm after = store.find(id).orElseThrow();
        assertThat(after.state()).isEqualTo(Alarm.CLEARED_UNACKNOWLEDGED);
        assertThat(after.activations()).as("b's off-delay running after a cleared it re-activates nothing").isEqualTo(1);
        assertThat(store.events(id)).extracting(AlarmEvent::kind).containsExactly(AlarmEvent.RAISED, AlarmEvent.CLEARED);
    }

    @Test
    void verifiesThatAnAlarmLeftByAGoneInstanceIsClearedAfterItsConditionIsGoneAWhile() throws Exception {
        MemoryAlarmStore store = new MemoryAlarmStore();
        AlarmRule rule = rule(Duration.ZERO);
        Instance gone = new Instance(store, rule);
        gone.figure(250, 0);
        long id = gone.alarm().id();
        Instance b = new Instance(store, rule); // started after the alarm, never saw the condition
        b.figure(180, 10_000);
        b.tick(10_000 + Reconciler.SETTLE - 1);
        assertThat(store.find(id).orElseThrow().active()).as("not before it settled").isTrue();
        b.tick(10_000 + Reconciler.SETTLE);
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(Alarm.CLEARED_UNACKNOWLEDGED);
    }

    @Test
    void verifiesThatAResumedAlarmWaitsForAFigureBeforeItsOffDelayRuns() throws Exception {
        MemoryAlarmStore store = new MemoryAlarmStore();
        AlarmRule rule = rule(Duration.ofSeconds(10));
        Instance before = new Instance(store, rule);
        before.figure(250, 0);
        long id = before.alarm().id();
        Instance restarted = new Instance(store, rule);
        restarted.watch.resume(restarted.alarm().severity());
        for (long t = 0; t < 120_000; t += 1_000) {
            restarted.tick(t); // no figure: the tile has no data yet
        }
        assertThat(store.find(id).orElseThrow().active()).isTrue();
        restarted.figure(180, 120_000);
        restarted.tick(130_000);
        assertThat(store.find(id).orElseThrow().active()).isFalse();
    }
}
