package id.bontang.pantau.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The problems found in one catalog file, each as "entry: what is wrong". The readers record a problem and go
 * on, so that one start-up shows everything there is to fix; the loader throws once, at the end.
 */
final class Problems {

    private final List<String> problems = new ArrayList<>();

    void add(String where, String what) {
        problems.add(where + ": " + what);
    }

    /** @throws CatalogException naming every problem, if any was recorded */
    void throwIfAny(String origin) {
        if (!problems.isEmpty()) {
            throw new CatalogException(origin, problems);
        }
    }

    /** The constant {@code text} names in any case; {@code fallback} when absent; null (and a problem) when unknown. */
    <E extends Enum<E>> E enumOf(String at, Class<E> type, String text, E fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            add(at, "unknown value '" + text + "' (one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ")");
            return null;
        }
    }

    /** A duration of the file ({@code 60s}, {@code 15m}, PT15M); null, and a problem at {@code at}, when it is not one. */
    java.time.Duration duration(String at, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            add(at, e.getMessage());
            return null;
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** An absent list of the file is an empty one. */
    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
