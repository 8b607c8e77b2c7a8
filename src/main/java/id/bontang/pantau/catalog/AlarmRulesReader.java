package id.bontang.pantau.catalog;

import static id.bontang.pantau.catalog.Problems.blank;

import com.fasterxml.jackson.databind.JsonNode;
import id.bontang.pantau.catalog.CatalogLoader.RawAlarm;
import id.bontang.pantau.catalog.CatalogLoader.RawLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns the catalog's {@code alarms:} into {@link AlarmRule}s: checks each field (problems name the rule and the
 * field) and expands the subjects: the tiles a glob matches, or the sources a selector picks, with a gauge's own
 * levels where a rule says {@code levels: gauge}.
 */
final class AlarmRulesReader {

    /** The one subject of a walls rule. */
    public static final String WALLS = "walls";
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    // The tiles' words (indicator/FloodLevel), so that an alarm and its tile say the same.
    private static final Title GAUGE_LABEL_WASPADA = new Title("Waspada", "Advisory");
    private static final Title GAUGE_LABEL_SIAGA = new Title("Siaga", "Watch");
    private static final Title GAUGE_LABEL_AWAS = new Title("Awas", "Warning");

    private final Problems problems;

    AlarmRulesReader(Problems problems) {
        this.problems = problems;
    }

    List<AlarmRule> rules(List<RawAlarm> raw, Map<String, Source> sources, List<IndicatorSpec> tiles,
            Map<String, String> areaNames) {
        List<AlarmRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            RawAlarm r = raw.get(i);
            String at = "alarms[" + i + "]" + (r.id() == null ? "" : " '" + r.id() + "'");
            if (r.id() == null || !RULE_ID.matcher(r.id()).matches()) {
                problems.add(at + ".id", "a rule id is lower-case letters, digits and '-'");
                continue;
            }
            if (!ids.add(r.id())) {
                problems.add(at + ".id", "rule id is defined twice");
            }
            AlarmRule.Kind kind = problems.enumOf(at + ".kind", AlarmRule.Kind.class, r.kind(), null);
            if (kind == null) {
                if (r.kind() == null) {
                    problems.add(at + ".kind", "kind is threshold, status, silent, offline or walls");
                }
                continue;
            }
            if (r.message() == null || blank(r.message().id()) || blank(r.message().en())) {
                problems.add(at + ".message", "a message in Bahasa Indonesia (id) and English (en) is required");
                continue;
            }
            AlarmRule rule = rule(at, r, kind, sources, tiles, areaNames);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private AlarmRule rule(String at, RawAlarm r, AlarmRule.Kind kind, Map<String, Source> sources, List<IndicatorSpec> tiles,
            Map<String, String> areaNames) {
        Duration on = delay(at + ".onDelay", r.onDelay());
        Duration off = delay(at + ".offDelay", r.offDelay());
        double deadband = r.deadband() == null ? 0 : r.deadband();
        if (deadband < 0) {
            problems.add(at + ".deadband", "deadband is 0 or more, in the figure's unit");
        }
        boolean below = "below".equals(r.direction());
        if (r.direction() != null && !below && !"above".equals(r.direction())) {
            problems.add(at + ".direction", "direction is 'above' (the default) or 'below'");
        }
        boolean onTiles = kind == AlarmRule.Kind.THRESHOLD || kind == AlarmRule.Kind.STATUS;
        if (kind == AlarmRule.Kind.WALLS) {
            int severity = severity(at + ".severity", r.severity());
            if (r.tiles() != null || r.sources() != null) {
                problems.add(at, "a walls rule watches every connected wall page: no 'tiles', no 'sources'");
            }
            return on == null || off == null || severity < 0 ? null : new AlarmRule(r.id(), kind, r.message(), on, off, 0,
                    false, "value", Map.of(), severity, List.of(new AlarmRule.Subject(WALLS, null, null, null, WALLS,
                            List.of(), null)));
        }
        if (onTiles == (r.tiles() == null) || onTiles == (r.sources() != null)) {
            problems.add(at, onTiles ? "a " + name(kind) + " rule names the tiles it watches in 'tiles' (ids or globs), "
                    + "and no 'sources'" : "a " + name(kind) + " rule selects devices or feeds in 'sources', and no 'tiles'");
            return null;
        }
        Map<String, Integer> statusSeverity = Map.of();
        int severity = 0;
        if (kind == AlarmRule.Kind.STATUS) {
            statusSeverity = statusSeverity(at + ".severity", r.severity());
        } else if (kind != AlarmRule.Kind.THRESHOLD) {
            severity = severity(at + ".severity", r.severity());
        }
        List<AlarmRule.Subject> subjects = onTiles ? tileSubjects(at, r, kind, tiles, sources)
                : sourceSubjects(at, r, kind, sources);
        if (subjects.isEmpty() || on == null || off == null || severity < 0 || statusSeverity == null) {
            return null;
        }
        return new AlarmRule(r.id(), kind, r.message(), on, off, deadband, below, r.field() == null ? "value" : r.field(),
                statusSeverity, severity, subjects);
    }

    private List<AlarmRule.Subject> tileSubjects(String at, RawAlarm r, AlarmRule.Kind kind, List<IndicatorSpec> tiles,
            Map<String, Source> sources) {
        List<AlarmRule.Subject> subjects = new ArrayList<>();
        List<AlarmRule.Level> fixed = kind == AlarmRule.Kind.THRESHOLD && !isGauge(r.levels()) ? levels(at + ".levels", r) : null;
        if (kind == AlarmRule.Kind.THRESHOLD && !isGauge(r.levels()) && fixed == null) {
            return subjects;
        }
        for (String pattern : r.tiles()) {
            Predicate<String> glob = IndicatorsReader.glob(pattern);
            List<IndicatorSpec> matched = tiles.stream().filter(t -> glob.test(t.id()))
                    .filter(t -> subjects.stream().noneMatch(x -> x.id().equals(t.id()))).toList(); // two globs, one tile
            if (matched.isEmpty()) {
                problems.add(at + ".tiles", "'" + pattern + "' matches no tile");
            }
            for (IndicatorSpec t : matched) {
                Source s = t.source();
                if (s != null && s.life() == Source.Life.MAINTENANCE) {
                    continue;
                }
                List<AlarmRule.Level> levels = fixed != null ? fixed : List.of();
                if (kind == AlarmRule.Kind.THRESHOLD && fixed == null) {
                    if (s == null || s.levels() == null) {
                        problems.add(at + ".levels", "'gauge' takes the levels of a gauge's tile, and tile '" + t.id()
                                + "' has no gauge with levels");
                        continue;
                    }
                    levels = List.of(new AlarmRule.Level(s.levels().waspada(), 2, GAUGE_LABEL_WASPADA),
                            new AlarmRule.Level(s.levels().siaga(), 3, GAUGE_LABEL_SIAGA),
                            new AlarmRule.Level(s.levels().awas(), 4, GAUGE_LABEL_AWAS));
                }
                if (kind == AlarmRule.Kind.THRESHOLD && !"value".equals(r.field()) && r.field() != null
                        && t.extras().stream().noneMatch(e -> e.name().equals(r.field()))) {
                    problems.add(at + ".field", "tile '" + t.id() + "' has no extra named '" + r.field() + "'");
                    continue;
                }
                subjects.add(new AlarmRule.Subject(t.id(), t.id(), s == null ? null : s.id(), t.area(),
                        s == null ? t.title().id() : s.name(), levels, null));
            }
        }
        return subjects;
    }

    private List<AlarmRule.Subject> sourceSubjects(String at, RawAlarm r, AlarmRule.Kind kind, Map<String, Source> sources) {
        int cadences = r.cadences() == null ? 3 : r.cadences();
        if (cadences < 1) {
            problems.add(at + ".cadences", "cadences is 1 or more: how many expected intervals without a message are silence");
        }
        List<AlarmRule.Subject> subjects = new ArrayList<>();
        for (Source s : new IndicatorsReader(problems).select(at + ".sources", r.sources(), sources)) {
            if (s.life() == Source.Life.MAINTENANCE) {
                continue; // no alarm watches a device in maintenance
            }
            if (kind == AlarmRule.Kind.OFFLINE && s.isFeed()) {
                problems.add(at + ".sources", "'" + s.id() + "' is a feed: only devices report online/offline");
                continue;
            }
            Duration after = s.silentAfter() != null ? s.silentAfter() : s.cadence().multipliedBy(cadences);
            subjects.add(new AlarmRule.Subject(s.id(), null, s.id(), s.area(), s.name(), List.of(), after));
        }
        return subjects;
    }

    private static boolean isGauge(JsonNode levels) {
        return levels != null && levels.isTextual() && levels.asText().equals("gauge");
    }

    private List<AlarmRule.Level> levels(String at, RawAlarm r) {
        JsonNode node = r.levels();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(at, "levels is 'gauge' or a list of {at, severity, label}");
            return null;
        }
        List<AlarmRule.Level> levels = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            RawLevel l;
            try {
                l = CatalogFile.convert(node.get(i), RawLevel.class);
            } catch (IllegalArgumentException e) {
                problems.add(at + "[" + i + "]", "a level is {at, severity, label: {id, en}}: " + e.getMessage());
                return null;
            }
            if (l.at() == null || l.severity() == null || l.severity() < AlarmRule.LOW || l.severity() > AlarmRule.CRITICAL) {
                problems.add(at + "[" + i + "]", "a level needs at (the threshold) and severity (1 low … 4 critical)");
                return null;
            }
            Title label = l.label() == null ? new Title(String.valueOf(l.at()), String.valueOf(l.at())) : l.label();
            levels.add(new AlarmRule.Level(l.at(), l.severity(), label));
        }
        boolean below = "below".equals(r.direction());
        levels.sort(Comparator.comparingInt(AlarmRule.Level::severity));
        for (int i = 1; i < levels.size(); i++) {
            double prev = levels.get(i - 1).at();
            double here = levels.get(i).at();
            if (levels.get(i).severity() == levels.get(i - 1).severity() || (below ? here >= prev : here <= prev)) {
                problems.add(at, "each level needs its own severity, and a higher severity a threshold further "
                        + (below ? "down" : "up"));
                return null;
            }
        }
        return List.copyOf(levels);
    }

    private int severity(String at, JsonNode node) {
        if (node == null || !node.canConvertToInt() || node.asInt() < AlarmRule.LOW || node.asInt() > AlarmRule.CRITICAL) {
            problems.add(at, "severity is 1 (low) … 4 (critical)");
            return -1;
        }
        return node.asInt();
    }

    private Map<String, Integer> statusSeverity(String at, JsonNode node) {
        if (node == null || !node.isObject()) {
            problems.add(at, "a status rule maps statuses to severities, e.g. {warning: 1, critical: 3}");
            return null;
        }
        Map<String, Integer> map = new LinkedHashMap<>();
        for (var f : node.properties()) {
            if (!Set.of("warning", "critical").contains(f.getKey())) {
                problems.add(at + "." + f.getKey(), "statuses are warning and critical");
                return null;
            }
            int s = severity(at + "." + f.getKey(), f.getValue());
            if (s < 0) {
                return null;
            }
            map.put(f.getKey(), s);
        }
        return Map.copyOf(map);
    }

    private Duration delay(String at, String text) {
        return text == null || text.equals("0") || text.equals("0s") ? Duration.ZERO : problems.duration(at, text);
    }

    private static String name(AlarmRule.Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
