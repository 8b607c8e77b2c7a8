package id.bontang.pantau.notify;

import id.bontang.pantau.security.Users;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a rule's recipients ({@code user:andi}, {@code roster:bpbd}, {@code telegram:-100…}) into addresses: a user
 * is reached at every contact point they set; a roster gives who is on duty at the time, in the city's time zone.
 * A recipient that leads nowhere is a target with its reason, so that the trail shows it instead of silence.
 */
final class Recipients {

    /** One address: {@code channel} email, telegram or webhook (or none, with the {@code failure}). */
    record Target(String channel, String recipient, String who, String language, String failure) {

        String key() {
            return channel + " " + recipient;
        }
    }

    private final Settings settings;
    private final Map<String, Personal> personal;
    private final Users users;
    private final ZonedDateTime now;

    Recipients(Settings settings, Map<String, Personal> personal, Users users, ZonedDateTime now) {
        this.settings = settings;
        this.personal = personal;
        this.users = users;
        this.now = now;
    }

    List<Target> resolve(List<String> to) {
        return resolve(to, false);
    }

    /**
     * With {@code anyShift} (a tier or reminder still to come), a roster gives every user of its shifts: who is on duty
     * is decided when the message falls due ({@link Due}), so that one crossing a shift change reaches the new shift.
     */
    List<Target> resolve(List<String> to, boolean anyShift) {
        List<Target> out = new ArrayList<>();
        for (String r : to) {
            var m = Settings.RECIPIENT.matcher(r);
            if (!m.matches()) {
                continue;
            }
            String v = m.group(2);
            switch (m.group(1)) {
                case "telegram" -> out.add(new Target("telegram", v, null, "id", null));
                case "email" -> out.add(new Target("email", v, null, "id", null));
                case "webhook" -> out.add(new Target("webhook", v, null, "id", null));
                case "user" -> out.addAll(user(v, r));
                case "group" -> settings.groups().stream().filter(g -> g.id().equals(v)).findFirst()
                        .ifPresent(g -> g.users().forEach(u -> out.addAll(user(u, r))));
                case "role" -> role(v).forEach(u -> out.addAll(user(u, r)));
                case "roster" -> settings.rosters().stream().filter(g -> g.id().equals(v)).findFirst().ifPresent(g -> {
                    Set<String> on = anyShift ? everyone(g) : g.onDuty(now);
                    if (on.isEmpty()) {
                        out.add(new Target("none", r, r, "id", "nobody is on duty in roster " + v + " now"));
                    }
                    on.forEach(u -> out.addAll(user(u, r)));
                });
                default -> { }
            }
        }
        return out;
    }

    private static Set<String> everyone(Settings.Roster r) {
        Set<String> all = new LinkedHashSet<>();
        r.shifts().forEach(s -> all.addAll(s.users()));
        return all;
    }

    /** A user's contact points; {@code by} says through what they were reached (a group, a roster). */
    List<Target> user(String name, String by) {
        Personal p = personal.get(name);
        String who = by.equals("user:" + name) ? name : name + " (" + by + ")";
        if (disabled().contains(name)) {
            return List.of(new Target("none", "user:" + name, who, "id", name + " is disabled"));
        }
        List<Target> out = new ArrayList<>();
        if (p != null && p.contacts().email() != null) {
            out.add(new Target("email", p.contacts().email(), who, p.language(), null));
        }
        if (p != null && p.contacts().telegram() != null) {
            out.add(new Target("telegram", p.contacts().telegram(), who, p.language(), null));
        }
        if (out.isEmpty()) {
            out.add(new Target("none", "user:" + name, who, "id", name + " has set no contact point"));
        }
        return out;
    }

    /**
     * The users' own subscriptions that count: not a disabled user's (they hear of nothing), nor a viewer's (a viewer may
     * not keep subscriptions: a user made a viewer stops hearing of alarms through their own).
     */
    Map<String, Personal> eligible(Map<String, Personal> all) {
        Map<String, Personal> on = new java.util.HashMap<>(all);
        on.keySet().removeAll(disabled());
        on.keySet().removeAll(viewers);
        return on;
    }

    private Set<String> disabled;
    private final Set<String> viewers = new java.util.HashSet<>();

    private Set<String> disabled() {
        if (disabled == null) {
            disabled = new java.util.HashSet<>();
            try {
                for (Users.User u : users.list()) {
                    if (u.disabled()) {
                        disabled.add(u.username());
                    } else if (u.role() == id.bontang.pantau.security.Role.VIEWER) {
                        viewers.add(u.username());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // without a database there is one user, the admin
            }
        }
        return disabled;
    }

    /** Who is on duty in each roster now. */
    static Map<String, Set<String>> onDuty(Settings s, ZonedDateTime now) {
        Map<String, Set<String>> on = new java.util.LinkedHashMap<>();
        s.rosters().forEach(r -> on.put(r.id(), r.onDuty(now)));
        return on;
    }

    private Set<String> role(String code) {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (Users.User u : users.list()) {
                if (!u.disabled() && u.role().code().equals(code)) {
                    names.add(u.username());
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (code.equals("admin")) { // without a database there is one user: the admin of PANTAU_ADMIN_PASSWORD
                names.add(Users.ADMIN);
            }
        }
        return names;
    }
}
