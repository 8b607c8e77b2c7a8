package id.bontang.pantau.api;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every whole-number and time parameter of the REST API is read here, so that a bad one is a 400 naming it
 * ({@link BadParameter}) and never JAX-RS' default 404, nor a value the database refuses later.
 * <ul>
 * <li>{@code int}, {@code long} and their boxes: a whole number, within {@link Bounds} when the parameter has them
 * (in a path, anything else names nothing: 404);</li>
 * <li>{@link Instant}: ISO-8601 with an offset or epoch milliseconds, from {@link #FLOOR} to a day ahead of now, and
 * not before the retention horizon of {@link Kept} when the parameter has it.</li>
 * </ul>
 */
@Provider
public class Params implements ParamConverterProvider {

    /** The buckets' origin (2000-01-01 WITA): Pantau keeps nothing older, and PostgreSQL reads everything after it. */
    public static final Instant FLOOR = OffsetDateTime.parse("2000-01-01T00:00:00+08:00").toInstant();
    /** How far ahead a time may be: an end a little ahead of the clock is common, years ahead is a mistake. */
    public static final Duration AHEAD = Duration.ofDays(1);
    /** The reason of a 404 for a path that names nothing. */
    public static final String NOT_FOUND = "not-found";

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        boolean path = find(annotations, PathParam.class) != null;
        if (type == int.class || type == Integer.class) {
            Bounds b = find(annotations, Bounds.class);
            return (ParamConverter<T>) new Whole<>(name, path, b == null ? Integer.MIN_VALUE : b.min(),
                    b == null ? Integer.MAX_VALUE : b.max(), n -> (int) n);
        }
        if (type == long.class || type == Long.class) {
            Bounds b = find(annotations, Bounds.class);
            return (ParamConverter<T>) new Whole<>(name, path, b == null ? Long.MIN_VALUE : b.min(),
                    b == null ? Long.MAX_VALUE : b.max(), n -> n);
        }
        if (type == Instant.class) {
            Kept k = find(annotations, Kept.class);
            return (ParamConverter<T>) new Time(name, k == null ? new String[0] : k.value());
        }
        return null;
    }

    /** The name the caller wrote, for the problem's {@code field}. */
    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            } else if (a instanceof PathParam p) {
                return p.value();
            } else if (a instanceof HeaderParam h) {
                return h.value();
            }
        }
        return null;
    }

    private static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
        for (Annotation a : annotations) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }

    /**
     * A whole number between {@code min} and {@code max}. In a path ({@code /api/v1/alarms/{id}}) a segment that is no
     * such number names nothing there: 404, as for a number that names nothing.
     */
    private record Whole<T>(String name, boolean path, long min, long max, java.util.function.LongFunction<T> box)
            implements ParamConverter<T> {

        @Override
        public T fromString(String text) {
            long n;
            try {
                n = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                if (path) {
                    throw ProblemException.notFound(NOT_FOUND, "nothing here is named '" + abbreviate(text) + "': " + name
                            + " is a whole number");
                }
                throw new BadParameter(name, name + " is a whole number" + range() + "; '" + abbreviate(text) + "' is not");
            }
            if (n < min || n > max) {
                throw new BadParameter(name, name + " is a whole number" + range() + "; " + n + " is not");
            }
            return box.apply(n);
        }

        private String range() {
            return min == Long.MIN_VALUE || min == Integer.MIN_VALUE ? "" : " from " + min + " to " + max;
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }

    /** A time, within the sane range and the retention horizon of the settings named. */
    private record Time(String name, String[] kept) implements ParamConverter<Instant> {

        @Override
        public Instant fromString(String text) {
            Instant t = parse(name, text);
            Instant now = Instant.now();
            if (t.isBefore(FLOOR) || t.isAfter(now.plus(AHEAD))) {
                throw new BadParameter(name, name + " is between " + FLOOR + " and a day from now; " + abbreviate(text) + " is not");
            }
            Optional<Duration> horizon = horizon();
            if (horizon.isPresent() && t.isBefore(now.minus(horizon.get()))) {
                throw new BadParameter(name, name + " is at most " + horizon.get().toDays() + " days ago: nothing older is kept ("
                        + String.join(", ", kept) + ")");
            }
            return t;
        }

        /** The longest of the retention settings, or empty when one keeps its data for ever (or there are none). */
        private Optional<Duration> horizon() {
            Duration longest = null;
            for (String setting : kept) {
                Optional<Duration> d = ConfigProvider.getConfig().getOptionalValue(setting, Duration.class);
                if (d.isEmpty()) {
                    return Optional.empty();
                }
                longest = longest == null || d.get().compareTo(longest) > 0 ? d.get() : longest;
            }
            return Optional.ofNullable(longest);
        }

        @Override
        public String toString(Instant value) {
            return value.toString();
        }
    }

    /** ISO-8601 with an offset (2026-11-22T08:00:00+08:00), or epoch milliseconds. */
    public static Instant parse(String name, String text) {
        String s = text.trim();
        try {
            return s.matches("-?\\d{1,18}") ? Instant.ofEpochMilli(Long.parseLong(s)) : OffsetDateTime.parse(s).toInstant();
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new BadParameter(name, name + " is ISO-8601 with an offset (2026-11-22T08:00:00+08:00) or epoch milliseconds; '"
                    + abbreviate(text) + "' is neither");
        }
    }

    /** A caller's text, cut short: a problem body echoes what was sent, but not a megabyte of it. */
    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
