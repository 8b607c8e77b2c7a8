package id.bontang.pantau.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.bontang.pantau.catalog.Title;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verifies every ISA-18.2 transition through the book and its store (in memory here; the database's in
 * AlarmsTest): raise, acknowledge, clear, close, re-activation, shelving with expiry, escalation, chattering,
 * out of service, and that a new occurrence after closed is a new alarm.
 */
class LifecycleTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    record Config(Duration escalateAfter, Duration maxShelve, int floodCount, Duration floodWindow, int chatterCount,
            Duration chatterWindow, Duration tick, Duration syncInterval, Duration retention) implements AlarmConfig {
        static Config defaults() {
            return new Config(Duration.ofMinutes(5), Duration.ofHours(8), 10, Duration.ofMinutes(10), 3,
                    Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofDays(730));
        }
    }

    AlarmBook book;
    List<Alarm> published = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        book = new AlarmBook(new MemoryAlarmStore(), Config.defaults());
        book.listen((alarms, local) -> published.addAll(alarms));
        book.load();
    }

    static Alarm candidate(String subject, int severity, Instant at) {
        return new Alarm(0, "flood-level", subject, subject, "flood." + subject, "loktuan", severity, new Title("m", "m"), 245.0,
                "cm", true, at, null, null, null, null, null, null, null, null, 1, false, false, 0);
    }

    Alarm raise(int severity) throws Exception {
        return book.raise(candidate("tide-loktuan", severity, T0), T0);
    }

    @Test
    void verifiesRaiseAcknowledgeClearCloses() throws Exception {
        Alarm a = raise(3);
        assertThat(a.state()).isEqualTo(Alarm.ACTIVE_UNACKNOWLEDGED);
        Alarm acked = book.act(a.id(), x -> Lifecycle.acknowledge(x, "rina", "checked by phone", T0.plusSeconds(30)));
        assertThat(acked.state()).isEqualTo(Alarm.ACTIVE_ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo("rina");
        assertThat(book.apply(Lifecycle.clear(acked, 200.0, T0.plusSeconds(60)))).isTrue();
        Alarm closed = book.find(a.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(Alarm.CLOSED);
        assertThat(book.open()).isEmpty();
        assertThat(book.events(a.id())).extracting(AlarmEvent::kind)
                .containsExactly(AlarmEvent.RAISED, AlarmEvent.ACKNOWLEDGED, AlarmEvent.CLOSED);
        assertThat(book.events(a.id()).get(1).comment()).isEqualTo("checked by phone");
    }

    @Test
    void verifiesThatForgettingOldHistoryTakesClosedAlarmsWithTheirEventsAndLeavesOpenOnes() throws Exception {
        MemoryAlarmStore store = new MemoryAlarmStore();
        AlarmBook kept = new AlarmBook(store, Config.defaults());
        kept.load();
        Alarm closed = kept.raise(candidate("tide-loktuan", 3, T0), T0);
        kept.apply(Lifecycle.clear(closed, 200.0, T0.plusSeconds(60)));
        kept.act(closed.id(), x -> Lifecycle.acknowledge(x, "rina", null, T0.plusSeconds(90)));
        Alarm open = kept.raise(candidate("tide-bontang-kuala", 2, T0), T0);
        assertThat(store.forgetClosedBefore(T0.plusSeconds(30))).as("closed after the cut").isZero();
        assertThat(store.forgetClosedBefore(T0.plusSeconds(3600))).isEqualTo(1);
        assertThat(store.find(closed.id())).isEmpty();
        assertThat(store.events(closed.id())).isEmpty();
        assertThat(store.find(open.id())).isPresent();
        assertThat(store.events(open.id())).hasSize(1);
    }

    @Test
    void verifiesClearBeforeAcknowledgeThenAcknowledgeCloses() throws Exception {
        Alarm a = raise(3);
        book.apply(Lifecycle.clear(a, 200.0, T0.plusSeconds(10)));
        Alarm cleared = book.find(a.id()).orElseThrow();
        assertThat(cleared.state()).isEqualTo(Alarm.CLEARED_UNACKNOWLEDGED);
        Alarm closed = book.act(a.id(), x -> Lifecycle.acknowledge(x, "rina", null, T0.plusSeconds(20)));
        assertThat(closed.state()).isEqualTo(Alarm.CLOSED);
        assertThatThrownBy(() -> book.act(a.id(), x -> Lifecycle.acknowledge(x, "budi", null, T0.plusSeconds(30))))
                .hasMessageContaining("closed");
    }

    @Test
    void verifiesThatAReturningConditionReactivatesAndCounts() throws Exception {
        Alarm a = raise(3);
        book.apply(Lifecycle.clear(a, 200.0, T0.plusSeconds(10)));
        Alarm cleared = book.find(a.id()).orElseThrow();
        book.apply(Lifecycle.reactivate(cleared, 3, cleared.message(), 246.0, false, T0.plusSeconds(20)));
        Alarm again = book.find(a.id()).orElseThrow();
        assertThat(again.state()).isEqualTo(Alarm.ACTIVE_UNACKNOWLEDGED);
        assertThat(again.activations()).isEqualTo(2);
        assertThat(again.clearedAt()).isNull();
    }

    @Test
    void verifiesThatANewOccurrenceAfterClosedIsANewAlarm() throws Exception {
        Alarm a = raise(3);
        book.act(a.id(), x -> Lifecycle.acknowledge(x, "rina", null, T0.plusSeconds(1)));
        book.apply(Lifecycle.clear(book.find(a.id()).orElseThrow(), 200.0, T0.plusSeconds(2)));
        Alarm b = book.raise(candidate("tide-loktuan", 3, T0.plusSeconds(3)), T0.plusSeconds(3));
        assertThat(b.id()).isNotEqualTo(a.id());
        assertThat(b.activations()).isEqualTo(1);
        assertThat(book.find(a.id()).orElseThrow().state()).isEqualTo(Alarm.CLOSED);
    }

    @Test
    void verifiesThatRaisingTwiceGivesTheOpenAlarm() throws Exception {
        Alarm a = raise(3);
        Alarm b = raise(3);
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(book.open()).hasSize(1);
    }

    @Test
    void verifiesShelvingItsBoundsAndItsExpiry() throws Exception {
        Alarm a = raise(3);
        assertThatThrownBy(() -> book.act(a.id(), x -> Lifecycle.shelve(x, "rina", Duration.ofHours(9), "pump check",
                Duration.ofHours(8), T0))).hasMessageStartingWith("minutes:");
        assertThatThrownBy(() -> book.act(a.id(), x -> Lifecycle.shelve(x, "rina", Duration.ofMinutes(30), " ",
                Duration.ofHours(8), T0))).hasMessageStartingWith("reason:");
        Alarm shelved = book.act(a.id(), x -> Lifecycle.shelve(x, "rina", Duration.ofMinutes(30), "pump check",
                Duration.ofHours(8), T0));
        assertThat(shelved.state()).isEqualTo(Alarm.SHELVED);
        assertThat(shelved.shelvedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        book.tick(T0.plus(Duration.ofMinutes(29)));
        assertThat(book.find(a.id()).orElseThrow().state()).isEqualTo(Alarm.SHELVED);
        book.tick(T0.plus(Duration.ofMinutes(30)));
        assertThat(book.find(a.id()).orElseThrow().state()).isEqualTo(Alarm.ACTIVE_UNACKNOWLEDGED);
        assertThat(book.events(a.id())).extracting(AlarmEvent::kind).endsWith(AlarmEvent.UNSHELVED);
    }

    @Test
    void verifiesThatAShelvedAlarmThatClearsIsClosed() throws Exception {
        Alarm a = raise(2);
        Alarm shelved = book.act(a.id(), x -> Lifecycle.shelve(x, "rina", Duration.ofMinutes(30), "known", Duration.ofHours(8),
                T0));
        book.apply(Lifecycle.clear(shelved, 100.0, T0.plusSeconds(60)));
        assertThat(book.find(a.id()).orElseThrow().state()).isEqualTo(Alarm.CLOSED);
    }

    @Test
    void verifiesEscalationOfUnacknowledgedSevereAlarmsOnly() throws Exception {
        Alarm severe = raise(3);
        Alarm low = book.raise(candidate("awlr-telihan", 2, T0), T0);
        book.tick(T0.plus(Duration.ofMinutes(5)).minusMillis(1));
        assertThat(book.find(severe.id()).orElseThrow().escalated()).isFalse();
        book.tick(T0.plus(Duration.ofMinutes(5)));
        assertThat(book.find(severe.id()).orElseThrow().escalatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(book.find(low.id()).orElseThrow().escalated()).isFalse();
        Alarm acked = book.raise(candidate("tide-bontang-kuala", 4, T0), T0);
        book.act(acked.id(), x -> Lifecycle.acknowledge(x, "rina", null, T0.plusSeconds(1)));
        book.tick(T0.plus(Duration.ofMinutes(10)));
        assertThat(book.find(acked.id()).orElseThrow().escalated()).isFalse();
        assertThat(book.events(severe.id())).extracting(AlarmEvent::kind).containsOnlyOnce(AlarmEvent.ESCALATED);
    }

    @Test
    void verifiesChatteringAtThreeActivationsInAMinute() throws Exception {
        Alarm a = raise(3);
        long t = T0.toEpochMilli();
        assertThat(book.chattering(a.id(), t + 20_000)).isFalse(); // second activation
        assertThat(book.chattering(a.id(), t + 40_000)).isTrue(); // third within a minute
        AlarmBook other = new AlarmBook(new MemoryAlarmStore(), LifecycleTest.Config.defaults());
        other.load();
        Alarm b = other.raise(candidate("x", 3, T0), T0);
        assertThat(other.chattering(b.id(), t + 30_000)).isFalse();
        assertThat(other.chattering(b.id(), t + 61_000)).isFalse(); // the first has left the minute
    }

    @Test
    void verifiesOutOfServiceSuppressesAndReturns() throws Exception {
        Alarm a = raise(3);
        book.service("tide-loktuan", "admin", "sensor cleaning", T0);
        assertThat(book.find(a.id()).orElseThrow().state()).isEqualTo(Alarm.OUT_OF_SERVICE);
        assertThat(book.outOfService("tide-loktuan")).isTrue();
        book.tick(T0.plus(Duration.ofHours(1)));
        assertThat(book.find(a.id()).orElseThrow().escalated()).isFalse();
        book.service("tide-loktuan", "admin", null, T0);
        assertThat(book.find(a.id()).orElseThrow().state()).isEqualTo(Alarm.ACTIVE_UNACKNOWLEDGED);
    }

    @Test
    void verifiesThatAChangeToAnOldCopyLoses() throws Exception {
        Alarm a = raise(3);
        book.act(a.id(), x -> Lifecycle.acknowledge(x, "rina", null, T0.plusSeconds(1)));
        assertThat(book.apply(Lifecycle.severity(a, 4, a.message(), 262.0, T0.plusSeconds(2)))).isFalse();
        Alarm now = book.find(a.id()).orElseThrow();
        assertThat(now.acknowledgedBy()).isEqualTo("rina");
        assertThat(now.severity()).isEqualTo(3);
    }

    @Test
    void verifiesAFloodIsMoreThanTenNewAlarmsInTenMinutes() throws Exception {
        for (int i = 0; i < 10; i++) {
            book.raise(candidate("s" + i, 2, T0.plusSeconds(i)), T0.plusSeconds(i));
        }
        assertThat(book.flood(T0.plusSeconds(20)).active()).isFalse();
        book.raise(candidate("s10", 2, T0.plusSeconds(30)), T0.plusSeconds(30));
        Flood.Summary f = book.flood(T0.plusSeconds(40));
        assertThat(f.active()).isTrue();
        assertThat(f.count()).isEqualTo(11);
        assertThat(f.groups()).containsExactly(new Flood.Group("flood-level", "loktuan", 11));
        assertThat(book.flood(T0.plus(Duration.ofMinutes(10)).plusSeconds(5)).active()).isFalse();
    }
}
