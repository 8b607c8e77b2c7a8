package id.bontang.pantau.catalog;

import java.time.Duration;

/**
 * Which readings an aggregate covers: the latest value only, a sliding event-time window, or the
 * current calendar day in the catalog's time zone.
 */
public record Window(Kind kind, Duration length) {

    public enum Kind {
        LATEST, SLIDING, TODAY
    }

    public static final Window LATEST = new Window(Kind.LATEST, Duration.ZERO);
    public static final Window TODAY = new Window(Kind.TODAY, Duration.ofDays(1));

    public static Window sliding(Duration length) {
        return new Window(Kind.SLIDING, length);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LATEST -> "latest";
            case TODAY -> "today";
            case SLIDING -> Durations.format(length);
        };
    }
}
