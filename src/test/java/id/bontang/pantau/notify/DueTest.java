package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.catalog.Title;
import id.bontang.pantau.notify.NotifyStore.Delivery;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When a tier or reminder falls due: sent while the alarm still calls for it; cancelled, with the reason, once it
 * cleared, is shelved, was acknowledged (a tier) or no longer matches its rule; a reminder of an acknowledged alarm
 * still active waits for the rule's acknowledgedAfter, the k-th one every later.
 */
class DueTest {

    static final Instant RAISED = Instant.parse("2026-12-04T01:00:00Z");
    static final Settings SETTINGS = new Settings(List.of(new Settings.Rule("banjir", null, 3, Set.of("flood-level"), Set.of(),
            Set.of(), Set.of(), List.of(new Settings.Tier("0m", List.of("telegram:-100"))),
            new Settings.Reminders("30m", 3, "2h"))), List.of(), List.of(new Settings.Roster("bpbd", List.of(
                    new Settings.Shift(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "07:00", "19:00", List.of("andi")),
                    new Settings.Shift(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "19:00", "07:00",
                            List.of("sari"))))), List.of(), null);

    static Alarm alarm(int severity, boolean active, Instant acknowledgedAt, Instant shelvedUntil) {
        return new Alarm(1, "flood-level", "tide-loktuan", "tide-loktuan", "flood.tide-loktuan", "loktuan", severity,
                new Title("x", "x"), 245.0, "cm", active, RAISED, acknowledgedAt, acknowledgedAt == null ? null : "rina",
                active ? null : RAISED.plusSeconds(60), null, shelvedUntil, null, null, null, 1, false, false, 2);
    }

    static Delivery due(String kind, String scheduled) {
        return due(kind, scheduled, null);
    }

    static Delivery due(String kind, String scheduled, String who) {
        return new Delivery(9, 1, kind, "telegram", "-100", who, "banjir", "id", scheduled, RAISED, "sending", 0, null, null,
                null, RAISED, false, null);
    }

    static Due of(Delivery d, Alarm a, Instant now) {
        return Due.of(d, new AlarmFacts(a, "environment", "Loktuan"), SETTINGS, now, java.time.ZoneId.of("Asia/Makassar"));
    }

    @Test
    void verifiesThatATierOrReminderGoesWhileTheAlarmCallsForItAndAnythingElseAlways() {
        Alarm active = alarm(3, true, null, null);
        assertThat(of(due(Planner.ESCALATION, "tier1:banjir"), active, RAISED.plusSeconds(900))).isNull();
        assertThat(of(due(Planner.REMINDER, "reminder1:banjir"), active, RAISED.plusSeconds(1800))).isNull();
        assertThat(of(due(Planner.RAISED, null), alarm(3, false, RAISED, null), RAISED)).as("not a tier: always").isNull();
    }

    @Test
    void verifiesThatATierIsCancelledOnceTheAlarmClearedIsShelvedWasAcknowledgedOrNoLongerMatches() {
        Delivery tier = due(Planner.ESCALATION, "tier1:banjir");
        Instant now = RAISED.plusSeconds(900);
        assertThat(of(tier, alarm(3, false, null, null), now).cancel()).isEqualTo("the alarm cleared first");
        assertThat(of(tier, alarm(3, true, null, now.plusSeconds(600)), now).cancel()).isEqualTo("the alarm is shelved");
        assertThat(of(tier, alarm(3, true, RAISED.plusSeconds(60), null), now).cancel())
                .isEqualTo("acknowledged by rina at " + RAISED.plusSeconds(60));
        assertThat(of(tier, alarm(2, true, null, null), now).cancel())
                .isEqualTo("the alarm no longer matches rule banjir (severity 2 now)");
        assertThat(of(due(Planner.ESCALATION, "tier1:gone"), alarm(3, true, null, null), now).cancel())
                .isEqualTo("rule gone is gone");
    }

    @Test
    void verifiesThatRemindersOfAnAcknowledgedAlarmStillActiveWaitForAcknowledgedAfterThenOneEveryInterval() {
        Instant acked = RAISED.plusSeconds(300);
        Alarm a = alarm(3, true, acked, null);
        Due first = of(due(Planner.REMINDER, "reminder1:banjir"), a, RAISED.plusSeconds(1800));
        assertThat(first.cancel()).isNull();
        assertThat(first.until()).isEqualTo(acked.plusSeconds(7200));
        assertThat(of(due(Planner.REMINDER, "reminder3:banjir"), a, RAISED.plusSeconds(5400)).until())
                .isEqualTo(acked.plusSeconds(7200 + 2 * 1800));
        assertThat(of(due(Planner.REMINDER, "reminder1:banjir"), a, acked.plusSeconds(7200))).as("its time has come").isNull();
    }

    @Test
    void verifiesThatATierOfARosterGoesToWhoIsOnDutyWhenItFallsDueNotWhenTheAlarmWasRaised() {
        Alarm active = alarm(3, true, null, null);
        Instant evening = Instant.parse("2026-12-04T12:00:00Z"); // 20:00 WITA: the night shift
        assertThat(of(due(Planner.ESCALATION, "tier1:banjir", "andi (roster:bpbd)"), active, evening).cancel())
                .isEqualTo("andi is not on duty in roster bpbd now");
        assertThat(of(due(Planner.ESCALATION, "tier1:banjir", "sari (roster:bpbd)"), active, evening)).isNull();
        assertThat(of(due(Planner.REMINDER, "reminder1:banjir", "andi (roster:bpbd)"), active, Instant.parse(
                "2026-12-04T01:30:00Z"))).as("09:30 WITA: the day shift").isNull();
        assertThat(of(due(Planner.ESCALATION, "tier1:banjir", "andi (roster:gone)"), active, evening).cancel())
                .isEqualTo("roster gone is gone");
        assertThat(of(due(Planner.ESCALATION, "tier1:banjir", "andi (group:bpbd)"), active, evening)).as("not a roster")
                .isNull();
    }
}
