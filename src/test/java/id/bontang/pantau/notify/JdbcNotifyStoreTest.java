package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.bontang.pantau.notify.NotifyStore.Delivery;
import id.bontang.pantau.notify.NotifyStore.Outcome;
import id.bontang.pantau.notify.NotifyStore.Planned;
import id.bontang.pantau.notify.NotifyStore.Try;
import id.bontang.pantau.support.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The outbox in the machine's PostgreSQL, without Quarkus: instances claiming at once never share a message; a claim
 * that runs out is resumed by another instance, and the first holder can then neither renew nor finish it; a change
 * that cannot be planned is set aside, a database failure undoes the round; an alarm's changes are planned in order
 * across instances; a tier is planned once; a link is used once.
 */
class JdbcNotifyStoreTest {

    private static Outcome sent(String instance) {
        return new Outcome("sent", null, Instant.now(), "m", null, "ok", true, new Try(Instant.now(), instance, "sent", 204,
                null, 1));
    }

    @Test
    void verifiesThatFourClaimersAtOnceShareNoMessage() throws Exception {
        try (Postgres db = Outboxes.database()) {
            Outboxes.plan(db, 2000, 50);
            List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String instance = "i" + t;
                JdbcNotifyStore store = Outboxes.store(db, instance);
                all.add(pool.submit(() -> {
                    for (List<Delivery> ds = store.claim(instance, "webhook", Instant.now(), Duration.ofMinutes(1), 37); !ds.isEmpty();
                            ds = store.claim(instance, "webhook", Instant.now(), Duration.ofMinutes(1), 37)) {
                        for (Delivery d : ds) {
                            claimed.add(d.id());
                            store.finish(d, sent(instance));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            pool.shutdown();
            assertThat(claimed).hasSize(2000).doesNotHaveDuplicates();
            assertThat(db.number("SELECT count(*) FROM notify_delivery WHERE state = 'sent'")).isEqualTo(2000);
            assertThat(db.number("SELECT count(DISTINCT instance) FROM notify_attempt")).isGreaterThan(1);
        }
    }

    @Test
    void verifiesThatARunOutClaimIsResumedElsewhereAndItsFirstHolderCanNoLongerRenewOrFinishIt() throws Exception {
        try (Postgres db = Outboxes.database()) {
            Outboxes.plan(db, 1, 1);
            JdbcNotifyStore a = Outboxes.store(db, "a");
            JdbcNotifyStore b = Outboxes.store(db, "b");
            Delivery first = a.claim("a", "webhook", Instant.now(), Duration.ofMillis(1), 10).get(0);
            assertThat(first.resumed()).isFalse();
            assertThat(b.claim("b", "webhook", Instant.now().minusSeconds(5), Duration.ofMinutes(1), 10)).as("claimed, not due to b")
                    .isEmpty();
            Delivery resumed = b.claim("b", "webhook", Instant.now().plusSeconds(1), Duration.ofMinutes(1), 10).get(0);
            assertThat(resumed.id()).isEqualTo(first.id());
            assertThat(resumed.resumed()).isTrue();
            assertThat(a.renew(List.of(first.id()), "a", Instant.now().plusSeconds(60))).isEmpty();
            a.finish(first, new Outcome("failed", null, null, null, null, "late", true, null));
            assertThat(db.text("SELECT state || ' ' || claimed_by FROM notify_delivery")).isEqualTo("sending b");
            assertThat(b.renew(List.of(first.id()), "b", Instant.now().plusSeconds(60))).containsExactly(first.id());
            b.finish(resumed, sent("b"));
            assertThat(db.text("SELECT state FROM notify_delivery")).isEqualTo("sent");
        }
    }

    @Test
    void verifiesThatAChangeThatCannotBePlannedIsSetAsideADatabaseFailureUndoesTheRoundAndATierIsPlannedOnce()
            throws Exception {
        try (Postgres db = Outboxes.database()) {
            db.execute("INSERT INTO alarm_outbox (alarm_id, version, kind, at) VALUES (1, 1, 'raised', now())");
            JdbcNotifyStore store = Outboxes.store(db, "a");
            assertThatThrownBy(() -> store.plan(10, (c, told) -> {
                throw new java.sql.SQLException("connection lost");
            })).isInstanceOf(java.sql.SQLException.class);
            assertThatThrownBy(() -> store.plan(10, (c, told) -> {
                throw new IllegalStateException("alarm unreadable", new java.sql.SQLException("connection lost"));
            })).isInstanceOf(java.sql.SQLException.class);
            assertThat(db.number("SELECT count(*) FROM alarm_outbox WHERE taken_at IS NULL")).as("tried again").isEqualTo(1);
            Planned tier = new Planned(1, null, Planner.ESCALATION, "email", "kepala@bontangkota.go.id", null, "r", "id",
                    "tier1:r", Instant.now().plusSeconds(900), null);
            db.execute("INSERT INTO alarm_outbox (alarm_id, version, kind, at) VALUES (1, 2, 'severity', now())");
            java.util.concurrent.atomic.AtomicInteger round = new java.util.concurrent.atomic.AtomicInteger();
            assertThat(store.plan(10, (c, told) -> {
                if (round.getAndIncrement() == 0) {
                    throw new IllegalArgumentException("a document this version cannot read");
                }
                return List.of(tier, tier);
            })).isEqualTo(2);
            assertThat(db.number("SELECT count(*) FROM notify_delivery")).as("the second change planned").isEqualTo(1);
            db.execute("INSERT INTO alarm_outbox (alarm_id, version, kind, at) VALUES (1, 3, 'severity', now())");
            store.plan(10, (c, told) -> List.of(tier));
            assertThat(db.number("SELECT count(*) FROM notify_delivery")).as("a tier once").isEqualTo(1);
            assertThat(db.number("SELECT count(*) FROM alarm_outbox WHERE taken_at IS NULL")).isZero();
        }
    }

    @Test
    void verifiesThatALaterChangeOfAnAlarmWaitsWhileAnotherInstancePlansAnEarlierOne() throws Exception {
        try (Postgres db = Outboxes.database()) {
            db.execute("INSERT INTO alarm_outbox (alarm_id, version, kind, at) VALUES (1, 1, 'raised', now())");
            db.execute("INSERT INTO alarm_outbox (alarm_id, version, kind, at) VALUES (1, 2, 'cleared', now())");
            JdbcNotifyStore a = Outboxes.store(db, "a");
            JdbcNotifyStore b = Outboxes.store(db, "b");
            java.util.concurrent.CountDownLatch planning = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            List<String> byB = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<Integer> first = pool.submit(() -> a.plan(1, (c, told) -> {
                planning.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return List.of(new Planned(1, c.id(), Planner.RAISED, "telegram", "-100", null, "r", "id", null,
                        Instant.now(), null));
            }));
            planning.await();
            assertThat(b.plan(10, (c, told) -> {
                byB.add(c.kind());
                return List.of();
            })).as("the clearing waits for the raise").isZero();
            assertThat(byB).isEmpty();
            release.countDown();
            assertThat(first.get()).isEqualTo(1);
            b.plan(10, (c, told) -> {
                byB.add(c.kind() + " told " + told.size());
                return List.of();
            });
            pool.shutdown();
            assertThat(byB).containsExactly("cleared told 1");
        }
    }

    @Test
    void verifiesThatALinkIsUsedOnceAndSettingsKeepTheirVersion() throws Exception {
        try (Postgres db = Outboxes.database()) {
            JdbcNotifyStore store = Outboxes.store(db, "a");
            assertThat(store.linkUsed("n1")).isFalse();
            assertThat(store.useLink("n1", "rina", Instant.now().plusSeconds(60))).isTrue();
            assertThat(store.useLink("n1", "budi", Instant.now().plusSeconds(60))).isFalse();
            assertThat(store.linkUsed("n1")).isTrue();
            assertThat(store.linkKey()).hasSize(32).isEqualTo(Outboxes.store(db, "b").linkKey());
            assertThat(store.saveSettings("rules", "{}", 0, "admin")).isTrue();
            assertThat(store.saveSettings("rules", "{\"rules\":[]}", 0, "other")).isFalse();
            assertThat(store.saveSettings("rules", "{\"rules\":[]}", 1, "admin")).isTrue();
            assertThat(store.settings("rules").version()).isEqualTo(2);
        }
    }
}
