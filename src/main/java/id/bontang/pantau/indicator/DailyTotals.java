package id.bontang.pantau.indicator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.TreeMap;

/**
 * Stats per calendar day in the city's time zone (WITA): a reading counts on the day of its own
 * timestamp, so one at 23:59:59 belongs to yesterday even when it arrives after midnight. Keeps the
 * last few days only.
 */
final class DailyTotals {

    private static final int DAYS_KEPT = 3;

    private final ZoneId zone;
    private final TreeMap<LocalDate, Stats> days = new TreeMap<>();

    DailyTotals(ZoneId zone) {
        this.zone = zone;
    }

    /** @return false when the day is too old to matter and the reading was ignored */
    boolean add(long time, double value, long now) {
        LocalDate day = day(time);
        if (day.isBefore(day(now).minusDays(DAYS_KEPT - 1))) {
            return false;
        }
        days.computeIfAbsent(day, d -> new Stats()).add(value);
        while (days.size() > DAYS_KEPT) {
            days.pollFirstEntry();
        }
        return true;
    }

    /** Today's stats (empty after midnight until the first reading of the new day). */
    Stats today(long now) {
        Stats s = days.get(day(now));
        return s == null ? new Stats() : s;
    }

    private LocalDate day(long millis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone);
    }
}
