package id.bontang.pantau.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one catalog version changed against another, by id: devices, feeds, tiles and alarm rules added, changed
 * (any field, after validation: a device renamed changes its tiles too) and removed. Areas and kinds show through
 * the devices and tiles they touch.
 */
public record CatalogChanges(Changed devices, Changed feeds, Changed tiles, Changed rules) {

    public record Changed(List<String> added, List<String> changed, List<String> removed) {

        public boolean none() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }

        /** "+2 ~1 -0 devices" style, only what is not zero; empty when nothing changed. */
        String summary(String what) {
            List<String> parts = new ArrayList<>();
            add(parts, "added", added);
            add(parts, "changed", changed);
            add(parts, "removed", removed);
            return parts.isEmpty() ? "" : what + " " + String.join(", ", parts);
        }

        private static void add(List<String> parts, String verb, List<String> ids) {
            if (!ids.isEmpty()) {
                parts.add(verb + " " + (ids.size() <= 3 ? String.join(" ", ids) : ids.size()));
            }
        }
    }

    public static CatalogChanges between(Catalog before, Catalog after) {
        return new CatalogChanges(
                compare(before.devices(), after.devices(), Source::id),
                compare(before.feeds(), after.feeds(), Source::id),
                compare(before.indicators(), after.indicators(), IndicatorSpec::id),
                compare(before.alarms(), after.alarms(), AlarmRule::id));
    }

    public boolean none() {
        return devices.none() && feeds.none() && tiles.none() && rules.none();
    }

    /** One line for the versions list and the audit trail, e.g. "devices added gauge-x; tiles changed flood-x". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (String s : List.of(devices.summary("devices"), feeds.summary("feeds"), tiles.summary("tiles"),
                rules.summary("alarm rules"))) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts.isEmpty() ? "no device, feed, tile or rule changed" : String.join("; ", parts);
    }

    private static <T> Changed compare(List<T> before, List<T> after, Function<T, String> id) {
        Map<String, T> old = byId(before, id);
        Map<String, T> now = byId(after, id);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        now.forEach((k, v) -> {
            if (!old.containsKey(k)) {
                added.add(k);
            } else if (!Objects.equals(old.get(k), v)) {
                changed.add(k);
            }
        });
        List<String> removed = old.keySet().stream().filter(k -> !now.containsKey(k)).toList();
        return new Changed(List.copyOf(added), List.copyOf(changed), removed);
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(id.apply(i), i));
        return map;
    }
}
