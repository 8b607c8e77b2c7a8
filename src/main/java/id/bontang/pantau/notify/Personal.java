package id.bontang.pantau.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;

/**
 * One user's own settings, kept by the user in the console: where to reach them and what they want to hear of
 * ("severity 3 and up in Loktuan and Bontang Kuala, by Telegram"). A rule naming the user reaches them the same ways.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Personal(Contacts contacts, List<Subscription> subscriptions) {

    static final Personal NONE = new Personal(new Contacts(null, null, "id", null), List.of());

    /** Where to reach the user; {@code dailySummary}: the day's alarms by email every morning too. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contacts(String email, String telegram, String language, Boolean dailySummary) {

        boolean wantsSummary() {
            return Boolean.TRUE.equals(dailySummary) && email != null;
        }
    }

    /** Alarms of severity at least, and of each list that is not empty; told by {@code channels} (email, telegram). */
    public record Subscription(Integer severityAtLeast, Set<String> areas, Set<String> rules, Set<String> dimensions,
            Set<String> sources, Set<String> channels) {

        boolean matches(AlarmFacts a) {
            return asRule().matches(a);
        }

        Settings.Rule asRule() {
            return new Settings.Rule(null, null, severityAtLeast, rules, areas, dimensions, sources, null, null);
        }
    }

    String language() {
        return contacts != null && "en".equals(contacts.language()) ? "en" : "id";
    }

    /** This document with nothing null, or a 400 problem naming the field at fault. */
    Personal checked() {
        Contacts c = contacts == null ? NONE.contacts : contacts;
        if (c.email() != null && !c.email().isBlank() && !Settings.EMAIL.matcher(c.email()).matches()) {
            throw Settings.bad("contacts.email", "'" + c.email() + "' is not an email address");
        }
        if (c.telegram() != null && !c.telegram().isBlank() && !c.telegram().strip().matches("\\d{1,20}")) {
            throw Settings.bad("contacts.telegram", "your Telegram chat id is a number: start a chat with the city's bot "
                    + "(so that it may write to you), then ask @userinfobot or your admin for your id");
        }
        if (c.language() != null && !List.of("id", "en").contains(c.language())) {
            throw Settings.bad("contacts.language", "id or en");
        }
        List<Subscription> subs = Settings.list(subscriptions, "subscriptions");
        if (subs.size() > 50) {
            throw Settings.bad("subscriptions", "at most 50 subscriptions");
        }
        for (int i = 0; i < subs.size(); i++) {
            Subscription s = subs.get(i);
            String at = "subscriptions[" + i + "]";
            if (s.severityAtLeast() != null && (s.severityAtLeast() < 1 || s.severityAtLeast() > 4)) {
                throw Settings.bad(at + ".severityAtLeast", "a severity is 1 to 4");
            }
            if (s.channels() == null || s.channels().isEmpty() || s.channels().stream().anyMatch(java.util.Objects::isNull)) {
                throw Settings.bad(at + ".channels", "choose email, telegram or both");
            }
            for (String ch : s.channels()) {
                if (!ch.equals("email") && !ch.equals("telegram")) {
                    throw Settings.bad(at + ".channels", "a channel is email or telegram, not '" + ch + "'");
                }
                String address = ch.equals("email") ? c.email() : c.telegram();
                if (address == null || address.isBlank()) {
                    throw Settings.bad(at + ".channels", "give your " + ch + " contact first");
                }
            }
        }
        if (Boolean.TRUE.equals(c.dailySummary()) && blank(c.email()) == null) {
            throw Settings.bad("contacts.dailySummary", "give your email first: the daily summary comes by email");
        }
        return new Personal(new Contacts(blank(c.email()), blank(c.telegram()), c.language() == null ? "id" : c.language(),
                c.dailySummary()), subs);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
