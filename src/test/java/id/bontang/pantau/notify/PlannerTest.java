package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.alarm.AlarmEvent;
import id.bontang.pantau.catalog.Title;
import id.bontang.pantau.notify.NotifyStore.Change;
import id.bontang.pantau.notify.NotifyStore.Delivery;
import id.bontang.pantau.notify.NotifyStore.Planned;
import id.bontang.pantau.notify.Settings.Group;
import id.bontang.pantau.notify.Settings.Reminders;
import id.bontang.pantau.notify.Settings.Roster;
import id.bontang.pantau.notify.Settings.Rule;
import id.bontang.pantau.notify.Settings.Shift;
import id.bontang.pantau.notify.Settings.Tier;
import id.bontang.pantau.notify.Settings.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Verifies who is told of each alarm change: a raise to every first-tier address once, later tiers and reminders
 * planned with it at their times, the rules' and subscriptions' filters, nothing for a chattering alarm's return,
 * acknowledgements and clearings to those already told, and a recipient that leads nowhere planned with its reason.
 */
class PlannerTest {

    static final ZoneId WITA = ZoneId.of("Asia/Makassar");
    /** Raised on Friday 4 December 2026, 09:15 WITA. */
    static final Instant RAISED = Instant.parse("2026-12-04T01:15:00Z");
    /** The planner runs a minute later: messages for now are due then, tiers and reminders from the raise. */
    static final Instant NOW = RAISED.plusSeconds(60);
    static final long ALARM = 7;
    static final List<String> EVERY_DAY = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    final Map<Long, AlarmFacts> facts = new HashMap<>();
    final Map<String, Personal> personal = new HashMap<>();
    final List<Group> groups = List.of(new Group("ops", List.of("andi", "rina")), new Group("lurah", List.of("sari")));
    final List<Roster> rosters = List.of(
            new Roster("siang", List.of(new Shift(EVERY_DAY, "07:00", "19:00", List.of("dina")))),
            new Roster("malam", List.of(new Shift(EVERY_DAY, "19:00", "07:00", List.of("budi")))));
    final List<Webhook> webhooks = List.of(new Webhook("siaga", "https://siaga.bontangkota.go.id/hook", "siaga-key"));
    long changes = 100;

    PlannerTest() {
        personal.put("andi", contacts("andi@bontangkota.go.id", "1001", "en"));
        personal.put("rina", contacts(null, "1002", "id"));
        personal.put("dina", contacts(null, "1003", "id"));
        personal.put("budi", contacts("budi@bontangkota.go.id", null, "id"));
        personal.put("sari", Personal.NONE);
        facts.put(ALARM, facts(alarm(3, false)));
    }

    static Personal contacts(String email, String telegram, String language) {
        return new Personal(new Personal.Contacts(email, telegram, language, null), List.of());
    }

    void subscribe(String user, Personal.Subscription s) {
        Personal p = personal.get(user);
        List<Personal.Subscription> subs = new ArrayList<>(p.subscriptions());
        subs.add(s);
        personal.put(user, new Personal(p.contacts(), subs));
    }

    static Alarm alarm(int severity, boolean chattering) {
        return new Alarm(ALARM, "flood-level", "tide-loktuan", "tide-loktuan", "flood.tide-loktuan", "loktuan", severity,
                new Title("Rob tinggi di Loktuan", "High tide in Loktuan"), 245.0, "cm", true, RAISED, null, null, null, null,
                null, null, null, null, chattering ? 4 : 1, chattering, false, 1);
    }

    static AlarmFacts facts(Alarm a) {
        return new AlarmFacts(a, "environment", "Loktuan");
    }

    static Rule rule(String id, Tier... tiers) {
        return new Rule(id, id, null, null, null, null, null, List.of(tiers), null);
    }

    static Tier tier(String after, String... to) {
        return new Tier(after, List.of(to));
    }

    Settings settings(Rule... rules) {
        return new Settings(List.of(rules), groups, rosters, webhooks, null).checked();
    }

    Planner planner(Settings s) {
        Recipients r = new Recipients(s, personal, null, NOW.atZone(WITA));
        return new Planner(s, personal, r, id -> Optional.ofNullable(facts.get(id)), NOW);
    }

    Change change(String kind) {
        return new Change(++changes, ALARM, 1, kind, null, NOW);
    }

    List<Planned> plan(Settings s, String kind, List<Delivery> told) throws Exception {
        return planner(s).plan(change(kind), told);
    }

    List<Planned> raise(Settings s) throws Exception {
        return plan(s, AlarmEvent.RAISED, List.of());
    }

    static String at(Planned p) {
        return p.channel() + " " + p.recipient();
    }

    static List<Planned> now(List<Planned> ps) {
        return ps.stream().filter(p -> p.scheduled() == null).toList();
    }

    static Delivery told(long id, String kind, String channel, String recipient, String state) {
        return told(id, kind, channel, recipient, state, null, RAISED);
    }

    static Delivery told(long id, String kind, String channel, String recipient, String state, String scheduled,
            Instant due) {
        return new Delivery(id, ALARM, kind, channel, recipient, "who-" + id, "flood", id % 2 == 0 ? "en" : "id", scheduled,
                due, state, state.equals("pending") ? 0 : 1, state.equals("sent") ? due : null, null, null, RAISED, false,
                null);
    }

    // ---- raising

    @Test
    void verifiesThatARaiseGoesToEveryFirstTierAddressOnceWhateverNamesItTwice() throws Exception {
        subscribe("andi", new Personal.Subscription(1, null, null, null, null, Set.of("telegram")));
        Settings s = settings(rule("flood", tier("0m", "user:andi", "telegram:-100500")),
                rule("rob", tier("0m", "group:ops", "telegram:-100500", "email:andi@bontangkota.go.id")));
        Change c = change(AlarmEvent.RAISED);
        List<Planned> planned = planner(s).plan(c, List.of());
        assertThat(planned).extracting(PlannerTest::at).containsExactlyInAnyOrder("email andi@bontangkota.go.id",
                "telegram 1001", "telegram -100500", "telegram 1002");
        assertThat(planned).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Planner.RAISED);
            assertThat(p.alarmId()).isEqualTo(ALARM);
            assertThat(p.changeId()).isEqualTo(c.id());
            assertThat(p.dueAt()).isEqualTo(NOW);
            assertThat(p.scheduled()).isNull();
            assertThat(p.failure()).isNull();
        });
        assertThat(planned).filteredOn(p -> at(p).equals("telegram -100500")).extracting(Planned::rule)
                .containsExactly("flood");
        assertThat(planned).filteredOn(p -> at(p).equals("telegram 1001")).extracting(Planned::who, Planned::language)
                .containsExactly(tuple("andi", "en"));
        assertThat(planned).filteredOn(p -> at(p).equals("telegram 1002")).extracting(Planned::who, Planned::language)
                .containsExactly(tuple("rina (group:ops)", "id"));
    }

    @Test
    void verifiesThatASubscriptionAloneTellsItsUserByTheChannelsChosen() throws Exception {
        subscribe("andi", new Personal.Subscription(3, Set.of("loktuan"), null, null, null, Set.of("telegram")));
        subscribe("budi", new Personal.Subscription(4, null, null, null, null, Set.of("email")));
        List<Planned> planned = raise(settings());
        assertThat(planned).extracting(PlannerTest::at, Planned::rule, Planned::kind)
                .containsExactly(tuple("telegram 1001", "subscription", Planner.RAISED));
    }

    @Test
    void verifiesThatALaterTierIsPlannedAsAnEscalationDueItsDelayAfterTheRaise() throws Exception {
        Settings s = settings(rule("flood", tier("0m", "telegram:-100500"),
                tier("15m", "user:andi", "email:kepala@bontangkota.go.id"), tier("1h", "telegram:-100900")));
        List<Planned> planned = raise(s);
        assertThat(now(planned)).extracting(PlannerTest::at, Planned::kind, Planned::dueAt)
                .containsExactly(tuple("telegram -100500", Planner.RAISED, NOW));
        assertThat(planned).filteredOn(p -> p.scheduled() != null)
                .extracting(PlannerTest::at, Planned::kind, Planned::scheduled, Planned::dueAt, Planned::rule)
                .containsExactlyInAnyOrder(
                        tuple("email andi@bontangkota.go.id", Planner.ESCALATION, "tier1:flood", RAISED.plusSeconds(900), "flood"),
                        tuple("telegram 1001", Planner.ESCALATION, "tier1:flood", RAISED.plusSeconds(900), "flood"),
                        tuple("email kepala@bontangkota.go.id", Planner.ESCALATION, "tier1:flood", RAISED.plusSeconds(900),
                                "flood"),
                        tuple("telegram -100900", Planner.ESCALATION, "tier2:flood", RAISED.plusSeconds(3600), "flood"));
    }

    @Test
    void verifiesThatRemindersArePlannedForTheFirstTiersAddressesAtEachInterval() throws Exception {
        Rule r = new Rule("flood", "flood", null, null, null, null, null,
                List.of(tier("0m", "telegram:-100500", "user:andi"), tier("15m", "email:kepala@bontangkota.go.id")),
                new Reminders("30m", 3, null));
        List<Planned> reminders = raise(settings(r)).stream().filter(p -> p.kind().equals(Planner.REMINDER)).toList();
        List<org.assertj.core.groups.Tuple> expected = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Instant due = RAISED.plus(Duration.ofMinutes(30L * k));
            for (String address : List.of("telegram -100500", "email andi@bontangkota.go.id", "telegram 1001")) {
                expected.add(tuple(address, "reminder" + k + ":flood", due));
            }
        }
        assertThat(reminders).extracting(PlannerTest::at, Planned::scheduled, Planned::dueAt)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(reminders).noneMatch(p -> p.recipient().startsWith("kepala"));
    }

    @Test
    void verifiesThatASeverityRuleMatchesOnlyOnceTheAlarmReachesIt() throws Exception {
        Settings s = settings(new Rule("kritis", "kritis", 4, null, null, null, null, List.of(tier("0m", "telegram:-100900")),
                null), new Rule("tinggi", "tinggi", 3, null, null, null, null, List.of(tier("0m", "telegram:-100300")), null));
        assertThat(raise(s)).extracting(PlannerTest::at).containsExactly("telegram -100300");
        facts.put(ALARM, facts(alarm(4, false)));
        List<Planned> worse = plan(s, AlarmEvent.SEVERITY, List.of());
        assertThat(worse).extracting(PlannerTest::at, Planned::kind).containsExactlyInAnyOrder(
                tuple("telegram -100900", Planner.SEVERITY), tuple("telegram -100300", Planner.SEVERITY));
    }

    @Test
    void verifiesThatRulesAndSubscriptionsFilterByAreaRuleDimensionAndSource() throws Exception {
        List<Rule> rules = new ArrayList<>();
        Set<String> none = Set.of();
        rules.add(new Rule("area", null, null, null, Set.of("loktuan", "guntung"), null, null, List.of(tier("0m", "telegram:-1")), null));
        rules.add(new Rule("other-area", null, null, null, Set.of("bontang-kuala"), null, null, List.of(tier("0m", "telegram:-2")), null));
        rules.add(new Rule("rule", null, null, Set.of("flood-level"), none, null, null, List.of(tier("0m", "telegram:-3")), null));
        rules.add(new Rule("other-rule", null, null, Set.of("ispu-bad"), null, null, null, List.of(tier("0m", "telegram:-4")), null));
        rules.add(new Rule("dimension", null, null, null, null, Set.of("environment"), null, List.of(tier("0m", "telegram:-5")), null));
        rules.add(new Rule("other-dimension", null, null, null, null, Set.of("health"), null, List.of(tier("0m", "telegram:-6")), null));
        rules.add(new Rule("source", null, null, null, null, null, Set.of("tide-loktuan"), List.of(tier("0m", "telegram:-7")), null));
        rules.add(new Rule("other-source", null, null, null, null, null, Set.of("river-kanaan"), List.of(tier("0m", "telegram:-8")), null));
        rules.add(new Rule("all-of-them", null, null, Set.of("flood-level"), Set.of("loktuan"), Set.of("environment"),
                Set.of("tide-loktuan"), List.of(tier("0m", "telegram:-9")), null));
        rules.add(new Rule("all-but-one", null, null, Set.of("flood-level"), Set.of("loktuan"), Set.of("environment"),
                Set.of("river-kanaan"), List.of(tier("0m", "telegram:-10")), null));
        subscribe("rina", new Personal.Subscription(null, Set.of("bontang-kuala"), null, null, null, Set.of("telegram")));
        subscribe("dina", new Personal.Subscription(null, Set.of("loktuan"), Set.of("flood-level"), Set.of("environment"),
                Set.of("tide-loktuan"), Set.of("telegram")));
        subscribe("budi", new Personal.Subscription(null, null, null, Set.of("health"), null, Set.of("email")));
        List<Planned> planned = raise(settings(rules.toArray(Rule[]::new)));
        assertThat(planned).extracting(PlannerTest::at).containsExactlyInAnyOrder("telegram -1", "telegram -3", "telegram -5",
                "telegram -7", "telegram -9", "telegram 1003");
    }

    @Test
    void verifiesThatAChatteringAlarmsReturnTellsNobodyAndAnotherAlarmsReturnIsARaise() throws Exception {
        Settings s = settings(rule("flood", tier("0m", "telegram:-100500"), tier("15m", "email:kepala@bontangkota.go.id")));
        facts.put(ALARM, facts(alarm(3, true)));
        assertThat(plan(s, AlarmEvent.REACTIVATED, List.of())).isEmpty();
        facts.put(ALARM, facts(alarm(3, false)));
        assertThat(plan(s, AlarmEvent.REACTIVATED, List.of()))
                .extracting(PlannerTest::at, Planned::kind, Planned::scheduled).containsExactlyInAnyOrder(
                        tuple("telegram -100500", Planner.RAISED, null),
                        tuple("email kepala@bontangkota.go.id", Planner.ESCALATION, "tier1:flood"));
    }

    @Test
    void verifiesThatAnAlarmNoLongerThereOrAChangeNobodyHearsOfPlansNothing() throws Exception {
        Settings s = settings(rule("flood", tier("0m", "telegram:-100500")));
        facts.clear();
        assertThat(raise(s)).isEmpty();
        facts.put(ALARM, facts(alarm(3, false)));
        List<Delivery> told = List.of(told(1, Planner.RAISED, "telegram", "-100500", "sent"));
        assertThat(plan(s, AlarmEvent.COMMENTED, told)).isEmpty();
        assertThat(plan(s, AlarmEvent.UNSHELVED, told)).isEmpty();
    }

    // ---- to those told

    @Test
    void verifiesThatAnAcknowledgementGoesToTheToldTelegramChatsAndWebhooksNotEmail() throws Exception {
        List<Delivery> told = List.of(
                told(1, Planner.RAISED, "telegram", "1001", "sent"),
                told(2, Planner.RAISED, "email", "andi@bontangkota.go.id", "sent"),
                told(3, Planner.RAISED, "webhook", "siaga", "sent"),
                told(4, Planner.RAISED, "telegram", "-100500", "sent"),
                told(5, Planner.RAISED, "none", "user:sari", "sent"),
                told(6, Planner.REMINDER, "telegram", "1001", "sent", "reminder1:flood", RAISED.plusSeconds(1800)));
        Change c = change(AlarmEvent.ACKNOWLEDGED);
        List<Planned> planned = planner(settings()).plan(c, told);
        assertThat(planned).extracting(PlannerTest::at).containsExactlyInAnyOrder("telegram 1001", "webhook siaga",
                "telegram -100500");
        assertThat(planned).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Planner.ACKNOWLEDGED);
            assertThat(p.changeId()).isEqualTo(c.id());
            assertThat(p.dueAt()).isEqualTo(NOW);
            assertThat(p.scheduled()).isNull();
        });
        assertThat(planned).filteredOn(p -> at(p).equals("webhook siaga")).extracting(Planned::who, Planned::language,
                Planned::rule).containsExactly(tuple("who-3", "id", "flood"));
    }

    @Test
    void verifiesThatShelvingGoesToTheToldWebhooksOnly() throws Exception {
        List<Delivery> told = List.of(told(1, Planner.RAISED, "telegram", "1001", "sent"),
                told(2, Planner.RAISED, "webhook", "siaga", "sent"), told(3, Planner.RAISED, "email", "a@b.id", "sent"));
        assertThat(plan(settings(), AlarmEvent.SHELVED, told)).extracting(PlannerTest::at, Planned::kind)
                .containsExactly(tuple("webhook siaga", Planner.SHELVED));
    }

    @Test
    void verifiesThatAClearingGoesToEachToldAddressOnceButNowhereElse() throws Exception {
        List<Delivery> told = List.of(
                told(1, Planner.RAISED, "email", "andi@bontangkota.go.id", "sent"),
                told(2, Planner.RAISED, "telegram", "1001", "sent"),
                told(3, Planner.REMINDER, "telegram", "1001", "sent", "reminder1:flood", RAISED.plusSeconds(1800)),
                told(4, Planner.ACKNOWLEDGED, "telegram", "1001", "sent"),
                told(5, Planner.RAISED, "webhook", "siaga", "sent"),
                told(7, Planner.RAISED, "none", "roster:malam", "failed"));
        List<Planned> planned = plan(settings(), AlarmEvent.CLEARED, told);
        assertThat(planned).extracting(PlannerTest::at, Planned::kind).containsExactlyInAnyOrder(
                tuple("email andi@bontangkota.go.id", Planner.CLEARED), tuple("telegram 1001", Planner.CLEARED),
                tuple("webhook siaga", Planner.CLEARED));
        assertThat(planned).allSatisfy(p -> assertThat(p.dueAt()).isEqualTo(NOW));
    }

    @Test
    void verifiesThatAClosingAfterTheClearingWasToldSendsEmailNothing() throws Exception {
        List<Delivery> told = List.of(
                told(1, Planner.RAISED, "email", "andi@bontangkota.go.id", "sent"),
                told(2, Planner.RAISED, "telegram", "1001", "sent"),
                told(3, Planner.RAISED, "webhook", "siaga", "sent"),
                told(4, Planner.CLEARED, "email", "andi@bontangkota.go.id", "sent"),
                told(5, Planner.CLEARED, "telegram", "1001", "sent"),
                told(6, Planner.CLEARED, "webhook", "siaga", "sent"));
        assertThat(plan(settings(), AlarmEvent.CLOSED, told)).extracting(PlannerTest::at, Planned::kind)
                .containsExactlyInAnyOrder(tuple("telegram 1001", Planner.CLOSED), tuple("webhook siaga", Planner.CLOSED));
    }

    @Test
    void verifiesThatAClosingWithNoClearingToldBeforeIsToldAsTheClearing() throws Exception {
        List<Delivery> told = List.of(
                told(1, Planner.RAISED, "email", "andi@bontangkota.go.id", "sent"),
                told(2, Planner.RAISED, "telegram", "1001", "sent"),
                told(3, Planner.CLEARED, "telegram", "1001", "sent"));
        assertThat(plan(settings(), AlarmEvent.CLOSED, told)).extracting(PlannerTest::at, Planned::kind)
                .containsExactlyInAnyOrder(tuple("email andi@bontangkota.go.id", Planner.CLEARED),
                        tuple("telegram 1001", Planner.CLOSED));
    }

    @Test
    void verifiesThatATierOrReminderNotSentYetDoesNotMakeItsAddressTold() throws Exception {
        Instant tier = RAISED.plusSeconds(900);
        List<Delivery> told = List.of(
                told(1, Planner.RAISED, "telegram", "-100500", "sent"),
                told(2, Planner.ESCALATION, "telegram", "1001", "pending", "tier1:flood", tier),
                told(3, Planner.ESCALATION, "webhook", "siaga", "pending", "tier1:flood", tier),
                told(4, Planner.ESCALATION, "email", "kepala@bontangkota.go.id", "pending", "tier1:flood", tier),
                told(5, Planner.REMINDER, "telegram", "1002", "pending", "reminder1:flood", RAISED.plusSeconds(1800)),
                told(6, Planner.ESCALATION, "telegram", "1003", "sent", "tier1:rob", RAISED.plusSeconds(30)),
                told(7, Planner.RAISED, "telegram", "1004", "pending"));
        assertThat(plan(settings(), AlarmEvent.ACKNOWLEDGED, told)).extracting(PlannerTest::at)
                .containsExactlyInAnyOrder("telegram -100500", "telegram 1003", "telegram 1004");
        assertThat(plan(settings(), AlarmEvent.CLEARED, told)).extracting(PlannerTest::at)
                .containsExactlyInAnyOrder("telegram -100500", "telegram 1003", "telegram 1004");
        assertThat(plan(settings(), AlarmEvent.SHELVED, told)).isEmpty();
    }

    // ---- recipients that lead nowhere

    @Test
    void verifiesThatARosterWithNobodyOnDutyIsPlannedNowhereWithItsReason() throws Exception {
        // 09:16 WITA: the day shift (dina) is on, the night shift (budi) is not
        List<Planned> planned = raise(settings(rule("malam", tier("0m", "roster:malam")), rule("siang", tier("0m", "roster:siang"))));
        assertThat(planned).extracting(PlannerTest::at, Planned::who, Planned::failure).containsExactlyInAnyOrder(
                tuple("none roster:malam", "roster:malam", "nobody is on duty in roster malam now"),
                tuple("telegram 1003", "dina (roster:siang)", null));
    }

    @Test
    void verifiesThatAUserWithoutContactPointsIsPlannedNowhereWithItsReason() throws Exception {
        List<Planned> planned = raise(settings(rule("flood", tier("0m", "user:sari", "user:joko", "group:lurah"))));
        assertThat(planned).extracting(PlannerTest::at, Planned::who, Planned::failure).containsExactlyInAnyOrder(
                tuple("none user:sari", "sari", "sari has set no contact point"),
                tuple("none user:joko", "joko", "joko has set no contact point"));
    }

    @Test
    void verifiesThatAReminderLeadingNowhereIsNotPlannedAndARostersLaterTierIsPlannedForEveryShift() throws Exception {
        Rule r = new Rule("flood", "flood", null, null, null, null, null,
                List.of(tier("0m", "user:sari", "telegram:-100500"), tier("15m", "roster:malam")), new Reminders("30m", 2, null));
        List<Planned> planned = raise(settings(r));
        assertThat(planned).filteredOn(p -> p.failure() != null).extracting(PlannerTest::at).containsExactly("none user:sari");
        // Nobody of roster malam is on duty at the raise; its tier is planned for each of its users, and who is on duty
        // is decided when it falls due (DueTest).
        assertThat(planned).filteredOn(p -> p.scheduled() != null).extracting(PlannerTest::at, Planned::scheduled,
                Planned::who).containsExactlyInAnyOrder(tuple("email budi@bontangkota.go.id", "tier1:flood",
                        "budi (roster:malam)"), tuple("telegram -100500", "reminder1:flood", null),
                tuple("telegram -100500", "reminder2:flood", null));
    }

    @Test
    void verifiesThatARoleCannotBeResolvedWithoutTheUsersAndTheOtherRecipientsAreStillPlanned() throws Exception {
        // Recipients without Users (null): listing them fails, and the role is taken to have nobody
        List<Planned> planned = raise(settings(rule("flood", tier("0m", "role:operator", "telegram:-100500"))));
        assertThat(planned).extracting(PlannerTest::at).containsExactly("telegram -100500");
    }
}
