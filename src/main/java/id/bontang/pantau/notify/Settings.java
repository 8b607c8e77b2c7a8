package id.bontang.pantau.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.Durations;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admins' notification settings, one JSON document (docs/alarms.md, "Notifications"): the rules (which alarms, to
 * whom, in which tiers, with which reminders), groups of users, duty rosters and webhooks. {@link #checked()} says
 * what is wrong with a path to it, as a 400 problem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(List<Rule> rules, List<Group> groups, List<Roster> rosters, List<Webhook> webhooks,
        DailySummary dailySummary) {

    static final Settings NONE = new Settings(List.of(), List.of(), List.of(), List.of(), null);

    /** A daily summary by email at {@code at} (the city's time) to these recipients (their email addresses). */
    public record DailySummary(String at, List<String> to) {
    }

    /** Recipients: {@code kind:value}. */
    static final Pattern RECIPIENT = Pattern.compile("(user|group|role|roster|telegram|email|webhook):(.+)");
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"',;]+@[^@\\s<>\"',;]+\\.[^@\\s<>\"',;]+");
    static final Pattern CHAT = Pattern.compile("-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}");

    /**
     * One rule: the alarms it matches (severity at least, and each list that is not empty) and its tiers.
     *
     * @param tiers     whom to tell, {@code after} the alarm was raised ("0m": at once) while it is unacknowledged
     * @param reminders again every {@code every}, {@code times} times, while active and unacknowledged (or
     *                  acknowledged longer ago than {@code acknowledgedAfter}, when given)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String id, String name, Integer severityAtLeast, Set<String> rules, Set<String> areas,
            Set<String> dimensions, Set<String> sources, List<Tier> tiers, Reminders reminders) {

        boolean matches(AlarmFacts a) {
            return a.severity() >= (severityAtLeast == null ? 1 : severityAtLeast) && any(rules, a.rule())
                    && any(areas, a.area()) && any(dimensions, a.dimension()) && any(sources, a.source());
        }
    }

    public record Tier(String after, List<String> to) {
        Duration delay() {
            return duration(after);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reminders(String every, Integer times, String acknowledgedAfter) {
    }

    public record Group(String id, List<String> users) {
    }

    public record Roster(String id, List<Shift> shifts) {

        /** Who is on duty at {@code t} (the city's time): a shift past midnight belongs to the day it starts. */
        Set<String> onDuty(ZonedDateTime t) {
            Set<String> on = new java.util.LinkedHashSet<>();
            LocalTime now = t.toLocalTime();
            for (Shift s : shifts) {
                LocalTime from = LocalTime.parse(s.from());
                LocalTime to = LocalTime.parse(s.to());
                boolean overnight = !to.isAfter(from);
                boolean today = s.on(t.getDayOfWeek()) && !now.isBefore(from) && (overnight || now.isBefore(to));
                boolean fromYesterday = overnight && s.on(t.getDayOfWeek().minus(1)) && now.isBefore(to);
                if (today || fromYesterday) {
                    on.addAll(s.users());
                }
            }
            return on;
        }
    }

    /** A shift: on these days (mon…sun), from…to in the city's time; to not after from: it ends the next day. */
    public record Shift(List<String> days, String from, String to, List<String> users) {
        boolean on(DayOfWeek d) {
            return days.contains(d.name().substring(0, 3).toLowerCase(Locale.ROOT));
        }
    }

    /** A webhook: where to POST, and the name of its signing secret ({@code pantau.notify.webhook-secrets}). */
    public record Webhook(String id, String url, String secret) {
    }

    private static boolean any(Set<String> allowed, String value) {
        return allowed == null || allowed.isEmpty() || allowed.contains(value);
    }

    static Duration duration(String text) {
        return text == null || text.equals("0") || text.matches("0+[smhd]") ? Duration.ZERO : Durations.parse(text);
    }

    /** This document with its lists never null, or a 400 problem naming the first field at fault. */
    Settings checked() {
        Settings s = new Settings(list(rules, "rules"), list(groups, "groups"), list(rosters, "rosters"),
                list(webhooks, "webhooks"), dailySummary);
        Set<String> groupIds = ids(s.groups.stream().map(Group::id).toList(), "groups");
        Set<String> rosterIds = ids(s.rosters.stream().map(Roster::id).toList(), "rosters");
        Set<String> hookIds = ids(s.webhooks.stream().map(Webhook::id).toList(), "webhooks");
        ids(s.rules.stream().map(Rule::id).toList(), "rules");
        for (int i = 0; i < s.groups.size(); i++) {
            require(s.groups.get(i).users(), "groups[" + i + "].users");
        }
        for (int i = 0; i < s.rosters.size(); i++) {
            shifts(s.rosters.get(i), "rosters[" + i + "]");
        }
        for (int i = 0; i < s.webhooks.size(); i++) {
            webhook(s.webhooks.get(i), "webhooks[" + i + "]");
        }
        for (int i = 0; i < s.rules.size(); i++) {
            rule(s.rules.get(i), "rules[" + i + "]", groupIds, rosterIds, hookIds);
        }
        if (dailySummary != null) {
            time(dailySummary.at(), "dailySummary.at");
            List<String> to = require(dailySummary.to(), "dailySummary.to");
            for (int k = 0; k < to.size(); k++) {
                recipient(to.get(k), "dailySummary.to[" + k + "]", groupIds, rosterIds, hookIds);
                if (to.get(k).startsWith("telegram:") || to.get(k).startsWith("webhook:")) {
                    throw bad("dailySummary.to[" + k + "]", "the daily summary goes by email: name users, groups, roles, "
                            + "rosters or email addresses");
                }
            }
        }
        return s;
    }

    private static void rule(Rule r, String at, Set<String> groups, Set<String> rosters, Set<String> hooks) {
        if (r.severityAtLeast() != null && (r.severityAtLeast() < 1 || r.severityAtLeast() > 4)) {
            throw bad(at + ".severityAtLeast", "a severity is 1 to 4");
        }
        List<Tier> tiers = require(r.tiers(), at + ".tiers");
        for (int t = 0; t < tiers.size(); t++) {
            String tat = at + ".tiers[" + t + "]";
            parse(tiers.get(t).after() == null ? "0" : tiers.get(t).after(), tat + ".after");
            List<String> to = require(tiers.get(t).to(), tat + ".to");
            for (int k = 0; k < to.size(); k++) {
                recipient(to.get(k), tat + ".to[" + k + "]", groups, rosters, hooks);
            }
        }
        if (r.reminders() != null) {
            Reminders m = r.reminders();
            if (m.every() == null || parse(m.every(), at + ".reminders.every").isZero()) {
                throw bad(at + ".reminders.every", "say how often to remind, e.g. 30m");
            }
            if (m.times() == null || m.times() < 1 || m.times() > 20) {
                throw bad(at + ".reminders.times", "remind 1 to 20 times");
            }
            if (m.acknowledgedAfter() != null) {
                parse(m.acknowledgedAfter(), at + ".reminders.acknowledgedAfter");
            }
        }
    }

    /** Whether {@code to} names a recipient this document or the world can have; a 400 problem otherwise. */
    static void recipient(String to, String at, Set<String> groups, Set<String> rosters, Set<String> hooks) {
        var m = RECIPIENT.matcher(to == null ? "" : to);
        if (!m.matches()) {
            throw bad(at, "a recipient is user:<name>, group:<id>, role:<role>, roster:<id>, telegram:<chat id>, "
                    + "email:<address> or webhook:<id>, not '" + to + "'");
        }
        String v = m.group(2);
        boolean ok = switch (m.group(1)) {
            case "group" -> groups.contains(v);
            case "roster" -> rosters.contains(v);
            case "webhook" -> hooks.contains(v);
            case "telegram" -> CHAT.matcher(v).matches();
            case "email" -> EMAIL.matcher(v).matches();
            case "role" -> id.bontang.pantau.security.Role.of(v) != null;
            default -> !v.isBlank();
        };
        if (!ok) {
            throw bad(at, switch (m.group(1)) {
                case "telegram" -> "a Telegram chat is a number (a group's is negative) or @channelname, not '" + v + "'";
                case "email" -> "'" + v + "' is not an email address";
                case "role" -> "no role '" + v + "' (viewer, operator, analyst, steward, admin)";
                default -> "no " + m.group(1) + " '" + v + "' in these settings";
            });
        }
    }

    private static void shifts(Roster r, String at) {
        List<Shift> shifts = require(r.shifts(), at + ".shifts");
        for (int i = 0; i < shifts.size(); i++) {
            Shift s = shifts.get(i);
            String sat = at + ".shifts[" + i + "]";
            for (String d : require(s.days(), sat + ".days")) {
                if (!List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun").contains(d)) {
                    throw bad(sat + ".days", "days are mon, tue, wed, thu, fri, sat, sun, not '" + d + "'");
                }
            }
            time(s.from(), sat + ".from");
            time(s.to(), sat + ".to");
            require(s.users(), sat + ".users");
        }
    }

    private static void webhook(Webhook w, String at) {
        if (w.url() == null || !w.url().matches("https?://[^\\s/@]+(/\\S*)?")) {
            throw bad(at + ".url", "a webhook is an http(s) URL without credentials in it");
        }
        if (w.secret() == null || !ID.matcher(w.secret()).matches()) {
            throw bad(at + ".secret", "name the signing secret held in PANTAU_NOTIFY_WEBHOOK_SECRETS (letters, digits, -)");
        }
    }

    private static void time(String t, String at) {
        try {
            LocalTime.parse(Objects.requireNonNull(t));
        } catch (DateTimeParseException | NullPointerException e) {
            throw bad(at, "a time of day is HH:MM (the city's time)");
        }
    }

    private static Duration parse(String text, String at) {
        try {
            return duration(text);
        } catch (IllegalArgumentException e) {
            throw bad(at, e.getMessage());
        }
    }

    private static Set<String> ids(List<String> ids, String at) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !ID.matcher(id).matches()) {
                throw bad(at + "[" + i + "].id", "an id is lower-case letters, digits, '.', '_' or '-'");
            }
            if (!seen.add(id)) {
                throw bad(at + "[" + i + "].id", "'" + id + "' is used twice");
            }
        }
        return seen;
    }

    private static <T> List<T> require(List<T> list, String at) {
        if (list == null || list.isEmpty()) {
            throw bad(at, "give at least one");
        }
        return list(list, at);
    }

    /** The list, or an empty one; a null entry (a stray comma in JSON) is refused with its place. */
    static <T> List<T> list(List<T> l, String at) {
        if (l == null) {
            return List.of();
        }
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) == null) {
                throw bad(at + "[" + i + "]", "is empty (null)");
            }
        }
        return l;
    }

    static ProblemException bad(String field, String detail) {
        return ProblemException.invalid(field, field + ": " + detail);
    }
}
