package id.bontang.pantau.catalog;

import static id.bontang.pantau.catalog.Problems.blank;
import static id.bontang.pantau.catalog.Problems.nonNull;

import id.bontang.pantau.catalog.CatalogLoader.RawIndicator;
import id.bontang.pantau.catalog.CatalogLoader.RawMeasure;
import id.bontang.pantau.catalog.CatalogLoader.RawSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns the catalog's indicators into tiles: an {@code each} entry becomes one tile per selected source (its id
 * and title filled in), a {@code worst} tile's glob becomes the ids of the tiles it covers, and every tile id must be
 * well formed and unique. Each figure is checked by {@link MeasureReader}.
 */
final class IndicatorsReader {

    private static final Pattern TILE_ID = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");
    private static final List<String> POLLUTANTS = List.of("pm10", "pm25", "so2", "co", "o3", "no2", "hc");

    private final Problems problems;
    private final MeasureReader measures;

    IndicatorsReader(Problems problems) {
        this.problems = problems;
        this.measures = new MeasureReader(problems);
    }

    /** @param areaNames area names by slug, for the {area} of a per-source title */
    List<IndicatorSpec> indicators(List<RawIndicator> raw, Map<String, Source> sources, Map<String, String> areaNames) {
        List<IndicatorSpec> specs = new ArrayList<>();
        List<Integer> worstAt = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            RawIndicator r = raw.get(i);
            String at = "indicators[" + i + "]" + (r.id() == null ? "" : " '" + r.id() + "'");
            IndicatorSpec.Type type = problems.enumOf(at + ".type", IndicatorSpec.Type.class, r.type(), IndicatorSpec.Type.VALUE);
            Dimension dimension = problems.enumOf(at + ".dimension", Dimension.class, r.dimension(), null);
            if (r.id() == null || r.title() == null || blank(r.title().id()) || blank(r.title().en()) || dimension == null) {
                problems.add(at, "id, dimension and title (id and en) are required");
                continue;
            }
            if (type == null) {
                continue; // reported by enumOf
            }
            if (type == IndicatorSpec.Type.WORST) {
                if (r.of() == null) {
                    problems.add(at, "a worst tile names the tiles it covers in 'of' (e.g. ispu.aqms-*)");
                    continue;
                }
                worstAt.add(specs.size()); // its glob is resolved once every tile is known
                specs.add(new IndicatorSpec(r.id(), type, dimension, r.title(), null, null, List.of(), null, List.of(),
                        List.of(r.of())));
                continue;
            }
            if ((r.each() == null) == (r.sources() == null)) {
                problems.add(at, "give either 'sources' (one tile over them all) or 'each' (one tile per source)");
                continue;
            }
            List<Source> selected = select(at, r.each() != null ? r.each() : r.sources(), sources);
            if (selected.isEmpty()) {
                continue;
            }
            if (r.each() != null) {
                if (!r.id().contains("{source}")) {
                    problems.add(at, "a tile made for each source needs {source} in its id");
                    continue;
                }
                for (Source s : selected) {
                    String area = s.area() == null ? "" : areaNames.getOrDefault(s.area(), s.area());
                    Title title = r.title().fill("{source}", s.id()).fill("{name}", s.name()).fill("{area}", area);
                    specs.add(spec(at, r, type, dimension, r.id().replace("{source}", s.id()), title, s, List.of(s)));
                }
            } else {
                specs.add(spec(at, r, type, dimension, r.id(), r.title(), null, selected));
            }
        }
        for (int i : worstAt) {
            IndicatorSpec w = specs.get(i);
            Predicate<String> glob = glob(w.of().get(0));
            List<String> of = specs.stream().filter(Objects::nonNull).map(IndicatorSpec::id)
                    .filter(id -> !id.equals(w.id()) && glob.test(id)).toList();
            if (of.isEmpty()) {
                problems.add("indicator '" + w.id() + "'", "'of: " + w.of().get(0) + "' matches no other tile");
            }
            specs.set(i, new IndicatorSpec(w.id(), w.type(), w.dimension(), w.title(), null, null, List.of(), null, List.of(),
                    of));
        }
        Set<String> ids = new HashSet<>();
        for (IndicatorSpec s : specs) {
            if (s != null && !TILE_ID.matcher(s.id()).matches()) {
                problems.add("indicator '" + s.id() + "'", "tile ids use lower-case letters, digits, '.' and '-'");
            }
            if (s != null && !ids.add(s.id())) {
                problems.add("indicator '" + s.id() + "'", "tile id is defined twice");
            }
        }
        return specs.stream().filter(Objects::nonNull).toList();
    }

    /** One tile over {@code selected}; {@code one} is the source a per-source tile was made for. Null when unusable. */
    private IndicatorSpec spec(String at, RawIndicator r, IndicatorSpec.Type type, Dimension dimension, String id,
            Title title, Source one, List<Source> selected) {
        List<String> ids = selected.stream().map(Source::id).toList();
        String area = one == null ? null : one.area();
        switch (type) {
            case ISPU -> {
                if (selected.stream().anyMatch(s -> POLLUTANTS.stream().noneMatch(s.metrics()::containsKey))) {
                    problems.add(at, "an ispu tile needs sources that measure at least one of " + POLLUTANTS);
                }
                return new IndicatorSpec(id, type, dimension, title, one, area, ids, null, List.of(), List.of());
            }
            case FLOOD -> {
                if (one == null || one.levels() == null) {
                    problems.add(at, "a flood tile is made for each gauge, and each gauge needs levels (waspada, siaga, awas)");
                    return null;
                }
            }
            default -> {
            }
        }
        RawMeasure main = new RawMeasure("value", null, r.metric(), r.window(), r.aggregate(), r.unit(), r.decimals(),
                null, r.thresholds());
        MeasureSpec value = measures.measure(at, main, selected);
        List<MeasureSpec> extras = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RawMeasure e : nonNull(r.extras())) {
            String where = at + ".extras." + e.name();
            if (e.name() == null || !e.name().matches("[a-zA-Z][a-zA-Z0-9]*") || e.name().equals("value")
                    || !names.add(e.name())) {
                problems.add(where, "each extra needs a distinct camelCase name other than 'value'");
            } else if (e.title() == null || blank(e.title().id()) || blank(e.title().en())) {
                problems.add(where, "title (id and en) is required");
            } else {
                extras.add(measures.measure(where, e, selected));
            }
        }
        if (value == null || extras.contains(null)) {
            return null;
        }
        return new IndicatorSpec(id, type, dimension, title, one, area, ids, value, List.copyOf(extras), List.of());
    }

    List<Source> select(String at, RawSelector sel, Map<String, Source> sources) {
        List<Source> selected = sources.values().stream()
                .filter(s -> s.life() != Source.Life.RETIRED) // its history stays; it has no tile and no alarm
                .filter(s -> sel.ids() == null || sel.ids().contains(s.id()))
                .filter(s -> sel.kind() == null || sel.kind().contains(s.kind()))
                .filter(s -> sel.area() == null || sel.area().contains(s.area()))
                .toList();
        for (String id : nonNull(sel.ids())) {
            if (!sources.containsKey(id)) {
                problems.add(at, "unknown device or feed '" + id + "'");
            } else if (sources.get(id).life() == Source.Life.RETIRED) {
                problems.add(at, "'" + id + "' is retired: it has no tile or alarm any more; take it out of ids");
            }
        }
        if (selected.isEmpty()) {
            problems.add(at, "selects no device or feed");
        }
        return selected;
    }

    /** {@code *} matches any run of characters; everything else is literal. */
    static Predicate<String> glob(String pattern) {
        Pattern p = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
        return id -> p.matcher(id).matches();
    }
}
