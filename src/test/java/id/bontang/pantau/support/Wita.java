package id.bontang.pantau.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/** The city's time zone, for tests that read "today" tiles against the real clock. */
public final class Wita {

    public static final ZoneId ZONE = ZoneId.of("Asia/Makassar");

    private Wita() {
    }

    /**
     * Returns once the WITA day began at least {@code margin} ago and ends no sooner than {@code margin} from now,
     * so that a test's readings and the "today" tiles it reads all fall in one day (it waits near midnight only).
     */
    public static void awayFromMidnight(Duration margin) {
        long m = margin.toSeconds();
        await("a WITA time at least " + margin + " from midnight").atMost(margin.multipliedBy(2).plusSeconds(10))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    int s = LocalTime.now(ZONE).toSecondOfDay();
                    return s >= m && 86_400 - s >= m;
                });
    }
}
