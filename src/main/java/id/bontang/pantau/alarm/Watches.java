package id.bontang.pantau.alarm;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.catalog.Catalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalog's rules at work: one {@link Watch} per rule and subject, found by the tile it reads. */
final class Watches {

    private final List<Watch> all = new ArrayList<>();
    private final Map<String, List<Watch>> byTile = new HashMap<>();

    /** Each instance sees its own walls: its walls alarm is its own ({@code instance} names it). */
    Watches(Catalog catalog, String instance) {
        this(catalog, instance, null);
    }

    /**
     * The rules of a new catalog, keeping each watch of {@code before} whose rule (its subjects aside) and subject are
     * the same, with its delays and deadband where they were; a changed one starts again, judged at the next figure.
     */
    Watches(Catalog catalog, String instance, Watches before) {
        Map<String, Watch> kept = new HashMap<>();
        if (before != null) {
            before.all.forEach(w -> kept.put(w.rule.id() + "/" + w.subject.id(), w));
        }
        for (AlarmRule rule : catalog.alarms()) {
            for (AlarmRule.Subject s : rule.subjects()) {
                AlarmRule.Subject subject = rule.kind() != AlarmRule.Kind.WALLS ? s : new AlarmRule.Subject(s.id() + "/"
                        + instance, null, null, null, instance, List.of(), null);
                Watch same = kept.get(rule.id() + "/" + subject.id());
                Watch w = same != null && same.subject.equals(subject) && sameRule(same.rule, rule) ? same
                        : new Watch(rule, subject);
                all.add(w);
                if (subject.tile() != null) {
                    byTile.computeIfAbsent(subject.tile(), k -> new ArrayList<>()).add(w);
                }
            }
        }
    }

    private static boolean sameRule(AlarmRule a, AlarmRule b) {
        return a.equals(new AlarmRule(b.id(), b.kind(), b.message(), b.onDelay(), b.offDelay(), b.deadband(), b.below(),
                b.field(), b.statusSeverity(), b.severity(), a.subjects()));
    }

    List<Watch> all() {
        return all;
    }

    List<Watch> onTile(String tile) {
        return byTile.getOrDefault(tile, List.of());
    }

    long rules() {
        return all.stream().map(w -> w.rule).distinct().count();
    }

    /** Another instance's walls alarm is its own business (its subject names it). */
    boolean isOtherInstancesWalls(Alarm a) {
        return all.stream().anyMatch(w -> w.rule.kind() == AlarmRule.Kind.WALLS && w.rule.id().equals(a.rule()));
    }
}
