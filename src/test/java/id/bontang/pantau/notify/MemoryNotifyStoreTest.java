package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.alarm.AlarmChange;
import id.bontang.pantau.alarm.AlarmEvent;
import id.bontang.pantau.catalog.Title;
import id.bontang.pantau.notify.NotifyStore.Change;
import id.bontang.pantau.notify.NotifyStore.Delivery;
import id.bontang.pantau.notify.NotifyStore.Outcome;
import id.bontang.pantau.notify.NotifyStore.Planned;
import id.bontang.pantau.notify.NotifyStore.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Verifies the outbox kept in memory (no database): alarm changes are planned once, in order; deliveries due are
 * claimed once, finished with their outcome and tries; a scheduled message is planned once per key; a digest counts
 * as one message sent; the trail is newest first.
 */
class MemoryNotifyStoreTest {

    static final Instant T0 = Instant.parse("2026-12-04T01:15:00Z");
    static final Duration LEASE = Duration.ofMinutes(2);

    final MemoryNotifyStore store = new MemoryNotifyStore();
    final List<Change> seen = new ArrayList<>();
    final List<List<Delivery>> toldSeen = new ArrayList<>();

    static Alarm alarm(long id) {
        return new Alarm(id, "flood-level", "tide-loktuan", "tide-loktuan", "flood.tide-loktuan", "loktuan", 3,
                new Title("Rob", "Tide"), 245.0, "cm", true, T0, null, null, null, null, null, null, null, null, 1, false,
                false, 1);
    }

    void changed(long alarmId, String kind, Instant at) {
        store.changed(new AlarmChange(alarm(alarmId), new AlarmEvent(at, kind, null, null, 3, 245.0)));
    }

    static Planned now(Change c, String kind, String channel, String recipient) {
        return new Planned(c.alarmId(), c.id(), kind, channel, recipient, recipient, "flood", "id", null, c.at(), null);
    }

    static Planned scheduled(Change c, String kind, String channel, String recipient, String key, Instant due) {
        return new Planned(c.alarmId(), c.id(), kind, channel, recipient, recipient, "flood", "id", key, due, null);
    }

    /** Plans every change queued with {@code plan}, remembering what the planner was given. */
    int plan(Function<Change, List<Planned>> plan) throws Exception {
        return store.plan(100, (c, told) -> {
            seen.add(c);
            toldSeen.add(told);
            return plan.apply(c);
        });
    }

    static Outcome sent(Instant at, String message, String ref) {
        return new Outcome("sent", null, at, message, ref, "200 ok", true, new Try(at, "pantau-1", "sent", 200, "ok", 120));
    }

    @Test
    void verifiesThatChangesArePlannedOnceInOrderAndCommentsAreNotQueued() throws Exception {
        changed(7, AlarmEvent.RAISED, T0);
        changed(7, AlarmEvent.COMMENTED, T0.plusSeconds(5));
        changed(8, AlarmEvent.RAISED, T0.plusSeconds(10));
        changed(7, AlarmEvent.ACKNOWLEDGED, T0.plusSeconds(20));
        assertThat(plan(c -> List.of())).isEqualTo(3);
        assertThat(seen).extracting(Change::alarmId, Change::kind, Change::at).containsExactly(
                tuple(7L, AlarmEvent.RAISED, T0), tuple(8L, AlarmEvent.RAISED, T0.plusSeconds(10)),
                tuple(7L, AlarmEvent.ACKNOWLEDGED, T0.plusSeconds(20)));
        assertThat(seen).extracting(Change::id).doesNotHaveDuplicates();
        assertThat(plan(c -> List.of())).isZero();
    }

    @Test
    void verifiesThatAPlanStopsAtItsLimitAndTheRestWaits() throws Exception {
        for (int i = 0; i < 5; i++) {
            changed(7, AlarmEvent.RAISED, T0.plusSeconds(i));
        }
        assertThat(store.plan(2, (c, told) -> List.of())).isEqualTo(2);
        assertThat(store.plan(10, (c, told) -> List.of())).isEqualTo(3);
    }

    @Test
    void verifiesThePlanClaimFinishCycleAndThatAClaimIsNotClaimedTwice() throws Exception {
        changed(7, AlarmEvent.RAISED, T0);
        plan(c -> List.of(now(c, Planner.RAISED, "telegram", "1001"), now(c, Planner.RAISED, "email", "andi@bontangkota.go.id"),
                scheduled(c, Planner.ESCALATION, "email", "kepala@bontangkota.go.id", "tier1:flood", T0.plusSeconds(900))));
        assertThat(store.pending()).containsEntry("telegram", 1L).containsEntry("email", 2L);

        List<Delivery> first = claim("pantau-1", T0, LEASE, 10);
        assertThat(first).extracting(Delivery::channel, Delivery::recipient, Delivery::state).containsExactly(
                tuple("telegram", "1001", "sending"), tuple("email", "andi@bontangkota.go.id", "sending"));
        assertThat(claim("pantau-1", T0.plusSeconds(1), LEASE, 10)).as("claimed already").isEmpty();

        Delivery telegram = first.get(0);
        store.finish(telegram, sent(T0.plusSeconds(1), "msg_pantau_" + telegram.id(), "555"));
        Delivery email = first.get(1);
        store.finish(email, new Outcome("pending", T0.plusSeconds(30), null, null, null, "retry in 30 s: 451", true,
                new Try(T0.plusSeconds(1), "pantau-1", "retry", 451, "try later", 300)));
        assertThat(claim("pantau-1", T0.plusSeconds(29), LEASE, 10)).as("not due again yet").isEmpty();
        List<Delivery> again = claim("pantau-1", T0.plusSeconds(30), LEASE, 10);
        assertThat(again).extracting(Delivery::id, Delivery::attempts).containsExactly(tuple(email.id(), 1));
        store.finish(again.get(0), new Outcome("failed", null, null, null, null, "550 no such user", true,
                new Try(T0.plusSeconds(31), "pantau-1", "failed", 550, "no such user", 200)));

        assertThat(claim("pantau-1", T0.plusSeconds(899), LEASE, 10)).isEmpty();
        assertThat(claim("pantau-1", T0.plusSeconds(900), LEASE, 10)).extracting(Delivery::kind, Delivery::scheduled)
                .containsExactly(tuple(Planner.ESCALATION, "tier1:flood"));

        List<Delivery> trail = store.trail(7);
        assertThat(trail).extracting(Delivery::recipient, Delivery::state, Delivery::attempts).containsExactly(
                tuple("kepala@bontangkota.go.id", "sending", 0), tuple("andi@bontangkota.go.id", "failed", 2),
                tuple("1001", "sent", 1));
        assertThat(trail.get(2).sentAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(trail.get(2).providerRef()).isEqualTo("555");
        assertThat(store.firstRef(7, "telegram", "1001")).contains("555");
        assertThat(store.pending()).containsOnlyKeys("email").containsEntry("email", 1L);
    }

    @Test
    void verifiesThatAClaimNeverFinishedIsResumedOnceItsLeaseRunsOut() throws Exception {
        changed(7, AlarmEvent.RAISED, T0);
        plan(c -> List.of(now(c, Planner.RAISED, "telegram", "1001")));
        Delivery claimed = claim("pantau-1", T0, LEASE, 10).get(0);
        assertThat(claimed.resumed()).isFalse();
        assertThat(claim("pantau-1", T0.plus(LEASE), LEASE, 10)).as("the lease holds").isEmpty();
        List<Delivery> resumed = claim("pantau-1", T0.plus(LEASE).plusSeconds(1), LEASE, 10);
        assertThat(resumed).extracting(Delivery::id, Delivery::state, Delivery::resumed, Delivery::attempts)
                .containsExactly(tuple(claimed.id(), "sending", true, 0));
        assertThat(claim("pantau-1", T0.plus(LEASE).plusSeconds(2), LEASE, 10)).as("claimed again, leased again")
                .isEmpty();
        store.finish(resumed.get(0), sent(T0.plus(LEASE).plusSeconds(3), "msg_pantau_" + claimed.id(), "9"));
        assertThat(claim("pantau-1", T0.plusSeconds(3600), LEASE, 10)).isEmpty();
        assertThat(store.trail(7)).extracting(Delivery::state, Delivery::resumed).containsExactly(tuple("sent", false));
    }

    @Test
    void verifiesThatAClaimTakesTheEarliestDueFirstUpToItsLimit() throws Exception {
        changed(7, AlarmEvent.RAISED, T0);
        plan(c -> List.of(scheduled(c, Planner.REMINDER, "telegram", "1001", "reminder2:flood", T0.plusSeconds(60)),
                scheduled(c, Planner.REMINDER, "telegram", "1001", "reminder1:flood", T0.plusSeconds(30)),
                now(c, Planner.RAISED, "telegram", "1001")));
        assertThat(claim("pantau-1", T0.plusSeconds(60), LEASE, 2)).extracting(Delivery::kind, Delivery::dueAt)
                .containsExactly(tuple(Planner.RAISED, T0), tuple(Planner.REMINDER, T0.plusSeconds(30)));
    }

    @Test
    void verifiesThatAFailurePlannedIsStoredFailedWithItsReason() throws Exception {
        changed(7, AlarmEvent.RAISED, T0);
        plan(c -> List.of(new Planned(7, c.id(), Planner.RAISED, "none", "roster:malam", "roster:malam", "flood", "id", null,
                T0, "nobody is on duty in roster malam now")));
        assertThat(claim("pantau-1", T0, LEASE, 10)).isEmpty();
        assertThat(store.trail(7)).extracting(Delivery::state, Delivery::result)
                .containsExactly(tuple("failed", "nobody is on duty in roster malam now"));
        assertThat(store.pending()).isEmpty();
    }

    @Test
    void verifiesThatAScheduledKeyIsPlannedOnceEvenIfPlannedAgain() throws Exception {
        changed(7, AlarmEvent.RAISED, T0);
        changed(7, AlarmEvent.SEVERITY, T0.plusSeconds(60));
        changed(8, AlarmEvent.RAISED, T0.plusSeconds(90));
        plan(c -> List.of(now(c, c.kind(), "telegram", "1001"),
                scheduled(c, Planner.ESCALATION, "email", "kepala@bontangkota.go.id", "tier1:flood", T0.plusSeconds(900)),
                scheduled(c, Planner.ESCALATION, "email", "kepala@bontangkota.go.id", "tier1:flood", T0.plusSeconds(900)),
                scheduled(c, Planner.ESCALATION, "telegram", "1001", "tier1:flood", T0.plusSeconds(900)),
                scheduled(c, Planner.ESCALATION, "email", "kepala@bontangkota.go.id", "tier1:rob", T0.plusSeconds(900))));
        assertThat(store.trail(7)).extracting(Delivery::kind, Delivery::channel, Delivery::recipient, Delivery::scheduled)
                .containsExactlyInAnyOrder(
                        tuple(Planner.RAISED, "telegram", "1001", null),
                        tuple(Planner.SEVERITY, "telegram", "1001", null),
                        tuple(Planner.ESCALATION, "email", "kepala@bontangkota.go.id", "tier1:flood"),
                        tuple(Planner.ESCALATION, "telegram", "1001", "tier1:flood"),
                        tuple(Planner.ESCALATION, "email", "kepala@bontangkota.go.id", "tier1:rob"));
        assertThat(store.trail(8)).as("the same key of another alarm").hasSize(4);
    }

    @Test
    void verifiesThatThePlannerIsToldWhatWasPlannedOfThatAlarmButNotWhatFailed() throws Exception {
        changed(7, AlarmEvent.RAISED, T0);
        changed(8, AlarmEvent.RAISED, T0);
        plan(c -> List.of(now(c, Planner.RAISED, "telegram", "100" + c.alarmId()),
                new Planned(c.alarmId(), c.id(), Planner.RAISED, "none", "user:sari", "sari", "flood", "id", null, T0,
                        "sari has set no contact point")));
        changed(7, AlarmEvent.CLEARED, T0.plusSeconds(60));
        toldSeen.clear();
        plan(c -> List.of());
        assertThat(toldSeen).hasSize(1);
        assertThat(toldSeen.get(0)).extracting(Delivery::alarmId, Delivery::recipient).containsExactly(tuple(7L, "1007"));
    }

    @Test
    void verifiesThatADigestCountsAsOneMessageSent() throws Exception {
        for (long alarm = 1; alarm <= 4; alarm++) {
            changed(alarm, AlarmEvent.RAISED, T0);
        }
        changed(5, AlarmEvent.RAISED, T0);
        plan(c -> List.of(now(c, Planner.RAISED, "telegram", c.alarmId() == 5 ? "2002" : "1001")));
        List<Delivery> claimed = claim("pantau-1", T0, LEASE, 10);
        Instant at = T0.plusSeconds(10);
        for (Delivery d : claimed.subList(0, 3)) {
            store.finish(d, sent(at, "msg_pantau_digest_" + claimed.get(0).id(), null));
        }
        store.finish(claimed.get(3), sent(at.plusSeconds(50), "msg_pantau_" + claimed.get(3).id(), "77"));
        store.finish(claimed.get(4), sent(at, "msg_pantau_" + claimed.get(4).id(), "78"));

        NotifyStore.Recent recent = store.sentSince("telegram", "1001", T0);
        assertThat(recent.count()).as("one digest and one message").isEqualTo(2);
        assertThat(recent.last()).isEqualTo(at.plusSeconds(50));
        assertThat(store.sentSince("telegram", "1001", at.plusSeconds(1)).count()).isEqualTo(1);
        NotifyStore.Recent later = store.sentSince("telegram", "1001", at.plusSeconds(51));
        assertThat(later.count()).isZero();
        assertThat(later.last()).isNull();
        assertThat(store.sentSince("email", "1001", T0).count()).as("another channel").isZero();
    }

    @Test
    void verifiesThatTheTrailIsNewestFirstWithEachDeliverysTries() throws Exception {
        changed(7, AlarmEvent.RAISED, T0);
        plan(c -> List.of(now(c, Planner.RAISED, "webhook", "siaga"), now(c, Planner.RAISED, "telegram", "1001")));
        changed(7, AlarmEvent.ACKNOWLEDGED, T0.plusSeconds(60));
        plan(c -> List.of(new Planned(7, c.id(), Planner.ACKNOWLEDGED, "telegram", "1001", "andi", "flood", "id", null,
                c.at(), null)));
        List<Delivery> claimed = claim("pantau-1", T0, LEASE, 10);
        Delivery hook = claimed.get(0);
        assertThat(hook.channel()).isEqualTo("webhook");
        Try first = new Try(T0.plusSeconds(1), "pantau-1", "retry", 503, "unavailable", 40);
        store.finish(hook, new Outcome("pending", T0.plusSeconds(5), null, null, null, "retry in 4 s: 503", true, first));
        store.record(hook.id(), new Try(T0.plusSeconds(6), "pantau-2", "resumed", null, "its claim ran out", null));
        Try third = new Try(T0.plusSeconds(7), "pantau-2", "sent", 200, "ok", 35);
        store.finish(claim("pantau-2", T0.plusSeconds(7), LEASE, 10).get(0),
                new Outcome("sent", null, T0.plusSeconds(7), "msg_pantau_" + hook.id(), null, "200 ok", true, third));

        List<Delivery> trail = store.trail(7);
        assertThat(trail).extracting(Delivery::kind, Delivery::channel).containsExactly(
                tuple(Planner.ACKNOWLEDGED, "telegram"), tuple(Planner.RAISED, "telegram"), tuple(Planner.RAISED, "webhook"));
        assertThat(trail.get(2).tries()).extracting(Try::outcome, Try::instance)
                .containsExactly(tuple("retry", "pantau-1"), tuple("resumed", "pantau-2"), tuple("sent", "pantau-2"));
        assertThat(trail.get(2).state()).isEqualTo("sent");
        assertThat(trail.get(2).attempts()).isEqualTo(2);
        assertThat(trail.get(0).tries()).isEmpty();
        assertThat(store.trail(8)).isEmpty();
    }

    @Test
    void verifiesThatSettingsAreSavedOnlyOverTheVersionExpected() throws Exception {
        assertThat(store.settings("rules").version()).isZero();
        assertThat(store.saveSettings("rules", "{\"rules\":[]}", 0, "admin")).isTrue();
        assertThat(store.saveSettings("rules", "{\"rules\":[1]}", 0, "admin")).as("moved on").isFalse();
        assertThat(store.settings("rules")).isEqualTo(new NotifyStore.Stored("{\"rules\":[]}", 1));
        assertThat(store.saveSettings("user:andi", "{}", 0, "andi")).isTrue();
        assertThat(store.personal()).containsOnlyKeys("andi").containsEntry("andi", "{}");
    }

    @Test
    void verifiesThatALinkIsUsedOnceAndTheKeyStaysTheSame() {
        Instant later = Instant.now().plusSeconds(3600);
        assertThat(store.useLink("nonce-1", "rina", later)).isTrue();
        assertThat(store.linkUsed("nonce-1")).isTrue();
        assertThat(store.useLink("nonce-1", "andi", later)).isFalse();
        assertThat(store.useLink("nonce-2", "andi", later)).isTrue();
        // A link past its expiry is forgotten (it is refused as expired before it is looked up).
        assertThat(store.useLink("nonce-3", "andi", Instant.now().minusSeconds(1))).isTrue();
        store.useLink("nonce-4", "andi", later);
        assertThat(store.linkUsed("nonce-3")).isFalse();
        assertThat(store.linkKey()).hasSize(32).isEqualTo(store.linkKey());
        assertThat(store.persistent()).isFalse();
    }

    /** Claims as the worker does, channel by channel (up to {@code n} of each), earliest due first. */
    private List<Delivery> claim(String instance, Instant at, Duration lease, int n) {
        List<Delivery> all = new java.util.ArrayList<>();
        for (String channel : List.of("telegram", "email", "webhook")) {
            all.addAll(store.claim(instance, channel, at, lease, n));
        }
        all.sort(java.util.Comparator.comparing(Delivery::dueAt).thenComparing(Delivery::id));
        return all.subList(0, Math.min(n, all.size()));
    }
}
