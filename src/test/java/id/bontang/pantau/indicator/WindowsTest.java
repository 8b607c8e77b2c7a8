package id.bontang.pantau.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WindowsTest {

    private static final long MIN = 60_000;
    private static final long NOW = Instant.parse("2026-11-22T06:00:30Z").toEpochMilli();

    @Test
    void verifiesThatASlidingWindowCountsReadingsByTheirOwnTime() {
        SlidingWindow w = new SlidingWindow(Duration.ofMinutes(15));
        assertThat(w.add(NOW - 14 * MIN, 10, NOW)).isTrue();
        assertThat(w.add(NOW - 16 * MIN, 100, NOW)).as("older than the window").isFalse();
        assertThat(w.add(NOW - 1 * MIN, 5, NOW)).isTrue();
        assertThat(w.add(NOW - 10 * MIN, 1, NOW)).as("late, out of order, still inside").isTrue();
        Stats s = w.stats(NOW);
        assertThat(s.count).isEqualTo(3);
        assertThat(s.sum).isEqualTo(16);
        assertThat(s.min).isEqualTo(1);
        assertThat(s.max).isEqualTo(10);
        // Four minutes later the reading of 14 minutes ago has left the window; the one of 10 minutes ago
        // leaves once it is 15 minutes old.
        assertThat(w.stats(NOW + 4 * MIN).sum).isEqualTo(6);
        assertThat(w.stats(NOW + 5 * MIN - 1000).sum).isEqualTo(6);
        assertThat(w.stats(NOW + 5 * MIN).sum).isEqualTo(5);
        assertThat(w.stats(NOW + 20 * MIN).count).isZero();
    }

    @Test
    void verifiesThatOldBucketsAreReusedWithoutLeakingTheirReadings() {
        SlidingWindow w = new SlidingWindow(Duration.ofHours(1));
        for (int h = 0; h < 5; h++) {
            long now = NOW + h * 3_600_000L;
            w.add(now, 1, now);
            assertThat(w.stats(now).count).as("hour %d", h).isEqualTo(1);
        }
    }

    @Test
    void verifiesDistinctHours() {
        SlidingWindow w = new SlidingWindow(Duration.ofHours(24));
        for (int h = 0; h < 20; h++) {
            w.add(NOW - h * 3_600_000L, 1, NOW);
            w.add(NOW - h * 3_600_000L - MIN, 1, NOW);
        }
        assertThat(w.distinctHours(NOW)).isBetween(20, 21);
        assertThat(new SlidingWindow(Duration.ofHours(24)).distinctHours(NOW)).isZero();
    }

    @Test
    void verifiesThatTheWitaDayRollsOverAtLocalMidnight() {
        ZoneId wita = ZoneId.of("Asia/Makassar");
        DailyTotals d = new DailyTotals(wita);
        long midnight = Instant.parse("2026-11-22T16:00:00Z").toEpochMilli(); // 2026-11-23 00:00:00 WITA
        long now = midnight + 30_000;
        assertThat(d.add(midnight - 1000, 7, now)).isTrue(); // 23:59:59 yesterday, arriving late
        assertThat(d.add(midnight, 3, now)).isTrue(); // 00:00:00 today
        assertThat(d.today(now).sum).isEqualTo(3);
        assertThat(d.today(midnight - 500).sum).isEqualTo(7);
        assertThat(d.add(midnight - 4 * 86_400_000L, 1, now)).as("days ago").isFalse();
        assertThat(d.today(now + 86_400_000L).count).isZero();
    }
}
