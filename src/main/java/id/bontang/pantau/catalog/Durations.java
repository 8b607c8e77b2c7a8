package id.bontang.pantau.catalog;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the catalog writes them: {@code 60s}, {@code 15m}, {@code 1h}, {@code 1d} (or ISO-8601, PT15M). */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(s|m|h|d)");

    private Durations() {
    }

    /** @throws IllegalArgumentException when the text is neither form or not positive */
    public static Duration parse(String text) {
        Matcher m = SHORT.matcher(text);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (write 60s, 15m, 1h, 1d or PT15M)");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' must be a positive duration");
        }
        return d;
    }

    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
