package id.bontang.pantau.connector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * RFC 3339 times as the network servers write them ({@code 2026-12-07T02:15:30.123456789Z}, {@code …+08:00}), read
 * without the general formatter: an uplink's time is a fifth of its cost otherwise ({@code DecodeBenchmark}).
 * Anything else goes to {@link OffsetDateTime#parse}, which also says what is wrong.
 */
final class Rfc3339 {

    private Rfc3339() {
    }

    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return OffsetDateTime.parse(s).toInstant();
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int i = 19;
        long nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return OffsetDateTime.parse(s).toInstant();
            }
            nanos = digits(s, start, count);
            if (nanos < 0) {
                return OffsetDateTime.parse(s).toInstant();
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset;
        if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            offset = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            offset = (digits(s, i + 1, 2) * 3600 + digits(s, i + 4, 2) * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return OffsetDateTime.parse(s).toInstant();
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || nanos < 0 || offset < -18 * 3600 || offset > 18 * 3600) {
            return OffsetDateTime.parse(s).toInstant(); // says which field is wrong
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay(); // checks the day of the month
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offset, nanos);
    }

    /** The decimal number in {@code s} at {@code from}, {@code count} digits; -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1_000_000;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
