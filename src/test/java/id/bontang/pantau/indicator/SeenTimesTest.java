package id.bontang.pantau.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenTimesTest {

    @Test
    void verifiesThatRepeatsAreRecognisedInAnyOrder() {
        SeenTimes seen = new SeenTimes();
        for (long t = 100_000; t > 0; t--) {
            assertThat(seen.add(t, 0)).isTrue();
        }
        for (long t = 1; t <= 100_000; t += 7) {
            assertThat(seen.add(t, 0)).as("already seen: %d", t).isFalse();
        }
        assertThat(seen.size()).isEqualTo(100_000);
    }

    @Test
    void verifiesThatTimesOlderThanTheHorizonAreForgotten() {
        SeenTimes seen = new SeenTimes();
        seen.add(10, 0);
        seen.add(20, 0);
        seen.add(30, 0);
        assertThat(seen.add(40, 25)).isTrue();
        assertThat(seen.size()).isEqualTo(2); // 30 and 40
        assertThat(seen.add(30, 25)).isFalse();
    }
}
