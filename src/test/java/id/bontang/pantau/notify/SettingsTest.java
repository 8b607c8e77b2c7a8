package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.notify.Settings.Group;
import id.bontang.pantau.notify.Settings.Reminders;
import id.bontang.pantau.notify.Settings.Roster;
import id.bontang.pantau.notify.Settings.Rule;
import id.bontang.pantau.notify.Settings.Shift;
import id.bontang.pantau.notify.Settings.Tier;
import id.bontang.pantau.notify.Settings.Webhook;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Verifies the admins' notification settings and a user's own: each refusal names the path of the field at fault and
 * says what to write instead; a valid document passes; a duty roster says who is on duty at a time of the city, a
 * shift past midnight belonging to the day it starts.
 */
class SettingsTest {

    static final ZoneId WITA = ZoneId.of("Asia/Makassar");
    static final List<String> EVERY_DAY = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri");

    static Rule rule(String id, List<Tier> tiers, Reminders reminders) {
        return new Rule(id, "Banjir rob", 3, Set.of("flood-level"), Set.of("loktuan"), null, null, tiers, reminders);
    }

    /** A document using every kind of recipient, every list and reminders. */
    static Settings valid() {
        return new Settings(
                List.of(rule("flood", List.of(
                        new Tier("0m", List.of("group:bpbd", "telegram:-1001234567890", "telegram:@pantau_bontang",
                                "email:siaga@bontangkota.go.id", "webhook:siaga")),
                        new Tier("15m", List.of("roster:malam", "role:operator", "user:andi"))),
                        new Reminders("30m", 3, "1h"))),
                List.of(new Group("bpbd", List.of("andi", "rina"))),
                List.of(new Roster("malam", List.of(new Shift(EVERY_DAY, "19:00", "07:00", List.of("budi"))))),
                List.of(new Webhook("siaga", "https://siaga.bontangkota.go.id/hooks/pantau", "siaga-key")), null);
    }

    static Settings withRule(UnaryOperator<Rule> change) {
        Settings s = valid();
        return new Settings(List.of(change.apply(s.rules().get(0))), s.groups(), s.rosters(), s.webhooks(), null);
    }

    /** The valid document whose rule's tier {@code tier} names {@code to} as its first recipient. */
    static Settings recipient(int tier, String to) {
        return withRule(r -> {
            List<Tier> tiers = new ArrayList<>(r.tiers());
            List<String> names = new ArrayList<>(tiers.get(tier).to());
            names.set(0, to);
            tiers.set(tier, new Tier(tiers.get(tier).after(), names));
            return new Rule(r.id(), r.name(), r.severityAtLeast(), r.rules(), r.areas(), r.dimensions(), r.sources(), tiers,
                    r.reminders());
        });
    }

    static Settings withShift(Shift shift) {
        Settings s = valid();
        return new Settings(s.rules(), s.groups(), List.of(new Roster("malam", List.of(shift))), s.webhooks(), null);
    }

    static Settings withReminders(Reminders m) {
        return withRule(r -> rule(r.id(), r.tiers(), m));
    }

    static Settings withSeverity(int severity) {
        return withRule(r -> new Rule(r.id(), r.name(), severity, r.rules(), r.areas(), r.dimensions(), r.sources(),
                r.tiers(), r.reminders()));
    }

    /** The refusal of {@code s}: a 400 naming {@code field}, whose sentence starts with the path and says what to do. */
    static ProblemException refused(Settings s, String field, String says) {
        ProblemException e = catchThrowableOfType(ProblemException.class, s::checked);
        assertThat(e).as("refused at " + field).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.reason()).isEqualTo("invalid-" + field);
        assertThat(e.getMessage()).startsWith(field + ": ").contains(says);
        return e;
    }

    @Test
    void verifiesThatAValidDocumentPassesAndMissingListsBecomeEmpty() {
        Settings s = valid();
        assertThat(s.checked()).isEqualTo(s);
        Settings empty = new Settings(null, null, null, null, null).checked();
        assertThat(empty.rules()).isEmpty();
        assertThat(empty.groups()).isEmpty();
        assertThat(empty.rosters()).isEmpty();
        assertThat(empty.webhooks()).isEmpty();
    }

    @Test
    void verifiesThatAnUnknownGroupIsRefusedAtItsRecipientPath() {
        refused(recipient(1, "group:pemadam"), "rules[0].tiers[1].to[0]", "no group 'pemadam' in these settings");
    }

    @Test
    void verifiesThatAnUnknownRosterWebhookOrRoleIsRefused() {
        refused(recipient(0, "webhook:lain"), "rules[0].tiers[0].to[0]", "no webhook 'lain' in these settings");
        refused(recipient(1, "roster:siang"), "rules[0].tiers[1].to[0]", "no roster 'siang'");
        refused(recipient(1, "role:lurah"), "rules[0].tiers[1].to[0]", "no role 'lurah' (viewer, operator");
    }

    @Test
    void verifiesThatABadTelegramChatIsRefusedWithWhatAChatIs() {
        refused(recipient(0, "telegram:12ab"), "rules[0].tiers[0].to[0]",
                "a Telegram chat is a number (a group's is negative) or @channelname, not '12ab'");
        refused(recipient(0, "telegram:@abc"), "rules[0].tiers[0].to[0]", "not '@abc'");
    }

    @Test
    void verifiesThatABadEmailIsRefused() {
        refused(recipient(0, "email:siaga@bontang"), "rules[0].tiers[0].to[0]", "'siaga@bontang' is not an email address");
        refused(recipient(0, "email:Siaga <siaga@bontang.go.id>"), "rules[0].tiers[0].to[0]", "is not an email address");
    }

    @Test
    void verifiesThatARecipientOfNoKnownKindIsRefusedWithTheKindsThereAre() {
        refused(recipient(0, "sms:08123456789"), "rules[0].tiers[0].to[0]",
                "a recipient is user:<name>, group:<id>, role:<role>, roster:<id>, telegram:<chat id>");
        refused(recipient(0, "user:"), "rules[0].tiers[0].to[0]", "not 'user:'");
    }

    @Test
    void verifiesThatDuplicateIdsAreRefusedAtTheSecond() {
        Settings s = valid();
        refused(new Settings(s.rules(), List.of(s.groups().get(0), new Group("bpbd", List.of("sari"))), s.rosters(),
                s.webhooks(), null), "groups[1].id", "'bpbd' is used twice");
        refused(new Settings(List.of(s.rules().get(0), s.rules().get(0)), s.groups(), s.rosters(), s.webhooks(), null),
                "rules[1].id", "'flood' is used twice");
        refused(new Settings(s.rules(), s.groups(), s.rosters(), List.of(s.webhooks().get(0), s.webhooks().get(0)), null),
                "webhooks[1].id", "'siaga' is used twice");
        refused(new Settings(s.rules(), List.of(new Group("BPBD Kota", List.of("sari"))), s.rosters(), s.webhooks(), null),
                "groups[0].id", "an id is lower-case letters, digits");
    }

    @Test
    void verifiesThatASeverityOutsideOneToFourIsRefused() {
        refused(withSeverity(5), "rules[0].severityAtLeast", "a severity is 1 to 4");
        refused(withSeverity(0), "rules[0].severityAtLeast", "a severity is 1 to 4");
        assertThatCode(() -> withSeverity(4).checked()).doesNotThrowAnyException();
        assertThatCode(() -> withSeverity(1).checked()).doesNotThrowAnyException();
    }

    @Test
    void verifiesThatRemindersNeedHowOftenAndHowManyTimes() {
        refused(withReminders(new Reminders(null, 3, null)), "rules[0].reminders.every", "say how often to remind, e.g. 30m");
        refused(withReminders(new Reminders("0m", 3, null)), "rules[0].reminders.every", "say how often to remind");
        refused(withReminders(new Reminders("sebentar", 3, null)), "rules[0].reminders.every", "is not a duration");
        refused(withReminders(new Reminders("30m", 0, null)), "rules[0].reminders.times", "remind 1 to 20 times");
        refused(withReminders(new Reminders("30m", null, null)), "rules[0].reminders.times", "remind 1 to 20 times");
        refused(withReminders(new Reminders("30m", 21, null)), "rules[0].reminders.times", "remind 1 to 20 times");
        refused(withReminders(new Reminders("30m", 3, "lama")), "rules[0].reminders.acknowledgedAfter", "not a duration");
    }

    @Test
    void verifiesThatATierNeedsRecipientsAndARuleTiers() {
        refused(withRule(r -> rule(r.id(), List.of(new Tier("0m", List.of())), null)), "rules[0].tiers[0].to",
                "give at least one");
        refused(withRule(r -> rule(r.id(), null, null)), "rules[0].tiers", "give at least one");
        refused(withRule(r -> rule(r.id(), List.of(new Tier("besok", List.of("user:andi"))), null)),
                "rules[0].tiers[0].after", "not a duration");
    }

    @Test
    void verifiesThatAWebhookUrlWithCredentialsIsRefused() {
        Settings s = valid();
        refused(new Settings(s.rules(), s.groups(), s.rosters(), List.of(new Webhook("siaga", "https://u:p@host/", "siaga-key")), null),
                "webhooks[0].url", "a webhook is an http(s) URL without credentials in it");
        refused(new Settings(s.rules(), s.groups(), s.rosters(), List.of(new Webhook("siaga", "ftp://host/", "siaga-key")), null),
                "webhooks[0].url", "http(s) URL");
        refused(new Settings(s.rules(), s.groups(), s.rosters(), List.of(new Webhook("siaga", "https://host/", null)), null),
                "webhooks[0].secret", "PANTAU_NOTIFY_WEBHOOK_SECRETS");
    }

    @Test
    void verifiesThatAShiftDayIsAThreeLetterDay() {
        refused(withShift(new Shift(List.of("mon", "monday"), "19:00", "07:00", List.of("budi"))),
                "rosters[0].shifts[0].days", "days are mon, tue, wed, thu, fri, sat, sun, not 'monday'");
    }

    @Test
    void verifiesThatAShiftTimeIsATimeOfDay() {
        refused(withShift(new Shift(EVERY_DAY, "25:00", "07:00", List.of("budi"))), "rosters[0].shifts[0].from",
                "a time of day is HH:MM");
        refused(withShift(new Shift(EVERY_DAY, "19:00", "7 pagi", List.of("budi"))), "rosters[0].shifts[0].to",
                "a time of day is HH:MM");
        refused(withShift(new Shift(EVERY_DAY, "19:00", "07:00", List.of())), "rosters[0].shifts[0].users",
                "give at least one");
    }

    static Roster dayAndNight() {
        return new Roster("bpbd", List.of(new Shift(WEEKDAYS, "07:00", "19:00", List.of("dina")),
                new Shift(EVERY_DAY, "19:00", "07:00", List.of("budi"))));
    }

    static ZonedDateTime wita(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WITA);
    }

    @Test
    void verifiesThatTheDayShiftEndsWhereTheNightShiftBegins() {
        Roster r = dayAndNight();
        // 4 December 2026 is a Friday
        assertThat(wita("2026-12-04T18:59").getDayOfWeek()).hasToString("FRIDAY");
        assertThat(r.onDuty(wita("2026-12-04T07:00"))).containsExactly("dina");
        assertThat(r.onDuty(wita("2026-12-04T18:59"))).containsExactly("dina");
        assertThat(r.onDuty(wita("2026-12-04T19:00"))).containsExactly("budi");
    }

    @Test
    void verifiesThatANightShiftRunsIntoTheNextMorningAndEndsThere() {
        Roster r = dayAndNight();
        assertThat(r.onDuty(wita("2026-12-05T00:00"))).containsExactly("budi");
        assertThat(r.onDuty(wita("2026-12-05T06:59"))).as("Friday's night shift, on Saturday morning").containsExactly("budi");
        assertThat(r.onDuty(wita("2026-12-05T07:00"))).as("no day shift on Saturday").isEmpty();
        assertThat(r.onDuty(wita("2026-12-05T18:59"))).isEmpty();
        assertThat(r.onDuty(wita("2026-12-05T19:00"))).containsExactly("budi");
    }

    @Test
    void verifiesThatAShiftPastMidnightBelongsToTheDayItStarts() {
        Roster weeknights = new Roster("malam", List.of(new Shift(WEEKDAYS, "19:00", "07:00", List.of("budi"))));
        assertThat(weeknights.onDuty(wita("2026-12-05T06:59"))).as("Saturday morning: Friday's night").containsExactly("budi");
        assertThat(weeknights.onDuty(wita("2026-12-05T19:00"))).as("Saturday evening: no shift starts").isEmpty();
        assertThat(weeknights.onDuty(wita("2026-12-06T06:59"))).as("Sunday morning: Saturday had no night").isEmpty();
        assertThat(weeknights.onDuty(wita("2026-12-07T06:59"))).as("Monday morning: Sunday had no night").isEmpty();
        assertThat(weeknights.onDuty(wita("2026-12-07T19:00"))).containsExactly("budi");
    }

    @Test
    void verifiesThatTheTimeIsTheCitysWhateverZoneTheInstantCameIn() {
        Roster r = dayAndNight();
        // Friday 19:00 WITA is 11:00 UTC: the roster reads the time in the zone it is given
        ZonedDateTime utc = ZonedDateTime.parse("2026-12-04T11:00:00Z");
        assertThat(r.onDuty(utc.withZoneSameInstant(WITA))).containsExactly("budi");
    }

    // ---- a user's own settings

    static Personal personal(String email, String telegram, String language, Set<String> channels) {
        return new Personal(new Personal.Contacts(email, telegram, language, null),
                List.of(new Personal.Subscription(3, Set.of("loktuan"), null, null, null, channels)));
    }

    static ProblemException refused(Personal p, String field, String says) {
        ProblemException e = catchThrowableOfType(ProblemException.class, p::checked);
        assertThat(e).as("refused at " + field).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(field + ": ").contains(says);
        return e;
    }

    @Test
    void verifiesThatASubscriptionByTelegramNeedsATelegramContact() {
        refused(personal("andi@bontangkota.go.id", null, "id", Set.of("telegram")), "subscriptions[0].channels",
                "give your telegram contact first");
        refused(personal("andi@bontangkota.go.id", " ", "id", Set.of("email", "telegram")), "subscriptions[0].channels",
                "give your telegram contact first");
        refused(personal(null, "123456789", "id", Set.of("email")), "subscriptions[0].channels",
                "give your email contact first");
        refused(personal("andi@bontangkota.go.id", "123456789", "id", Set.of("sms")), "subscriptions[0].channels",
                "a channel is email or telegram, not 'sms'");
        refused(personal("andi@bontangkota.go.id", "123456789", "id", Set.of()), "subscriptions[0].channels",
                "choose email, telegram or both");
    }

    @Test
    void verifiesThatTheLanguageIsIndonesianOrEnglish() {
        refused(personal(null, "123456789", "fr", Set.of("telegram")), "contacts.language", "id or en");
        assertThat(personal(null, "123456789", "en", Set.of("telegram")).checked().language()).isEqualTo("en");
        Personal unsaid = personal(null, "123456789", null, Set.of("telegram")).checked();
        assertThat(unsaid.contacts().language()).isEqualTo("id");
        assertThat(unsaid.language()).isEqualTo("id");
    }

    @Test
    void verifiesThatContactPointsAreCheckedAndBlankOnesDropped() {
        refused(personal("andi", "123456789", "id", Set.of("telegram")), "contacts.email", "'andi' is not an email address");
        refused(personal(null, "andi", "id", Set.of("email")), "contacts.telegram", "your Telegram chat id is a number");
        Personal p = new Personal(new Personal.Contacts(" ", "123456789", "en", null), null).checked();
        assertThat(p.contacts().email()).isNull();
        assertThat(p.contacts().telegram()).isEqualTo("123456789");
        assertThat(p.subscriptions()).isEmpty();
        Personal none = new Personal(null, null).checked();
        assertThat(none.contacts().email()).isNull();
        assertThat(none.subscriptions()).isEmpty();
    }

    @Test
    void verifiesThatASubscriptionSeverityIsOneToFour() {
        Personal p = new Personal(new Personal.Contacts(null, "123456789", "id", null),
                List.of(new Personal.Subscription(7, null, null, null, null, Set.of("telegram"))));
        refused(p, "subscriptions[0].severityAtLeast", "a severity is 1 to 4");
    }
}
