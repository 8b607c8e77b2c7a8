package id.bontang.pantau.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a measure combines the readings of its window. */
public enum Aggregate {
    /** The value with the newest event time, across all sources. */
    LATEST,
    AVG, MIN, MAX, SUM, COUNT,
    /** Sum per hour of the window. */
    RATE,
    /** Each source's latest value, summed (e.g. faulty lamps over all panels). */
    SUM_OF_LATEST,
    /** Percentage of the sources whose latest status is online and fresh. */
    ONLINE_SHARE;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Aggregate> of(String code) {
        return Arrays.stream(values()).filter(a -> a.code().equals(code)).findFirst();
    }

    /** Aggregates that need a window of readings, as opposed to each source's latest state. */
    public boolean windowed() {
        return switch (this) {
            case AVG, MIN, MAX, SUM, COUNT, RATE -> true;
            default -> false;
        };
    }
}
