package id.bontang.pantau.alarm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alarm flood detection (ISA-18.2): more than {@code count} new alarms within {@code window}. Remembers the
 * alarms raised in the window, so that the console can group a flood by rule and area.
 */
final class Flood {

    /** What the console and the wall show: whether there is a flood, how many alarms, grouped by rule and area. */
    record Summary(boolean active, int count, long windowMinutes, List<Group> groups) {
    }

    record Group(String rule, String area, int count) {
    }

    private record Raised(long id, long at, String rule, String area) {
    }

    private final int count;
    private final long window;
    private final ArrayDeque<Raised> raised = new ArrayDeque<>();
    private final Set<Long> seen = new HashSet<>();

    Flood(int count, Duration window) {
        this.count = count;
        this.window = window.toMillis();
    }

    /** An alarm as it was seen (raised here, loaded, or synced from another instance): counted once. */
    void raised(Alarm a) {
        if (seen.contains(a.id())) {
            return;
        }
        seen.add(a.id());
        raised.addLast(new Raised(a.id(), a.raisedAt().toEpochMilli(), a.rule(), a.area()));
    }

    boolean seen(long id) {
        return seen.contains(id);
    }

    Summary summary(long now) {
        while (!raised.isEmpty() && now - raised.peekFirst().at() > window) {
            seen.remove(raised.removeFirst().id());
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        int n = 0;
        for (Raised r : raised) {
            if (now - r.at() <= window) {
                n++;
                groups.merge(r.rule() + "|" + r.area(), new Group(r.rule(), r.area(), 1),
                        (a, b) -> new Group(a.rule(), a.area(), a.count() + b.count()));
            }
        }
        return new Summary(n > count, n, window / 60_000,
                groups.values().stream().sorted((a, b) -> b.count() - a.count()).toList());
    }
}
