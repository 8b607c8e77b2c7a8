package id.bontang.pantau.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounded memory of identities: kept for the horizon, never more than the capacity, and what it forgets counted. */
class RecentKeysTest {

    private static final long HOUR = 3_600_000;

    @Test
    void verifiesThatAKeyIsRememberedForTheHorizonAndForgottenAfterIt() {
        RecentKeys keys = new RecentKeys(Duration.ofHours(3), 1_000);
        long t = 1_000_000_000_000L;
        assertThat(keys.add(42, t)).isTrue();
        assertThat(keys.add(42, t + 1)).as("a repeat").isFalse();
        assertThat(keys.get(42, t + 3 * HOUR - 1)).as("still within the horizon").isEqualTo(1);
        assertThat(keys.get(42, t + 5 * HOUR)).as("past the horizon and its last generation").isZero();
        assertThat(keys.size()).isZero();
        assertThat(keys.forgotten()).as("forgetting on time is not forgetting early").isZero();
    }

    @Test
    void verifiesThatValuesAreKeptAndUpdatedInPlace() {
        RecentKeys keys = new RecentKeys(Duration.ofHours(1), 100);
        keys.put(7, 70, 0);
        keys.put(7, 71, 1000);
        assertThat(keys.get(7, 2000)).isEqualTo(71);
        assertThat(keys.size()).isEqualTo(1);
        keys.remove(7);
        assertThat(keys.get(7, 2000)).isZero();
        assertThat(keys.size()).isZero();
    }

    @Test
    void verifiesThatMemoryIsBoundedWhateverTheRateAndThatForgettingEarlyIsCounted() {
        int capacity = 10_000;
        RecentKeys keys = new RecentKeys(Duration.ofHours(25), capacity);
        long t = 0;
        for (long k = 1; k <= 1_000_000; k++) {
            keys.add(k * 7919, t++); // a thousand a second for a quarter of an hour, far within the horizon
            assertThat(keys.size()).isLessThanOrEqualTo(capacity);
        }
        assertThat(keys.forgotten()).isEqualTo(1_000_000 - keys.size());
        assertThat(keys.size()).as("at least three quarters of the capacity are kept").isGreaterThanOrEqualTo(capacity * 3 / 4);
        assertThat(keys.add(1_000_000 * 7919L, t)).as("the newest are the ones remembered").isFalse();
        assertThat(keys.add(7919, t)).as("the oldest were forgotten").isTrue();
    }
}
