package id.bontang.pantau.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins ISPU to Permen LHK P.14/2020 (docs/ispu.md); the table is copied here, not taken from the code. */
class IspuTest {

    private static final double[] I = {50, 100, 200, 300, 500};
    private static final Map<String, double[]> TABLE = Map.of(
            "pm10", new double[] {50, 150, 350, 420, 500},
            "pm25", new double[] {15.5, 55.4, 150.4, 250.4, 500},
            "so2", new double[] {52, 180, 400, 800, 1200},
            "co", new double[] {4000, 8000, 15000, 30000, 45000},
            "o3", new double[] {120, 235, 400, 800, 1000},
            "no2", new double[] {80, 200, 1130, 2260, 3000},
            "hc", new double[] {45, 100, 215, 432, 648});

    @Test
    void verifiesTheMinistryExample() {
        Ispu.SubIndex s = Ispu.subIndex("pm25", 39.0);
        assertThat(s.value()).isCloseTo(79.45, within(0.01));
        assertThat(Ispu.round(s.value())).isEqualTo(79);
    }

    @Test
    void verifiesEveryBreakpointOfEveryPollutantAtJustBelowAndJustAboveItsBound() {
        TABLE.forEach((p, x) -> {
            for (int k = 0; k < x.length; k++) {
                double xb = k == 0 ? 0 : x[k - 1];
                double ib = k == 0 ? 0 : I[k - 1];
                assertThat(Ispu.subIndex(p, x[k]).value()).as("%s at %s", p, x[k]).isCloseTo(I[k], within(1e-9));
                double below = x[k] - (x[k] - xb) / 1000;
                assertThat(Ispu.subIndex(p, below).value()).as("%s just below %s", p, x[k])
                        .isCloseTo((I[k] - ib) / (x[k] - xb) * (below - xb) + ib, within(1e-9)).isLessThan(I[k]);
                if (k + 1 < x.length) {
                    double above = x[k] + (x[k + 1] - x[k]) / 1000;
                    assertThat(Ispu.subIndex(p, above).value()).as("%s just above %s", p, x[k])
                            .isCloseTo((I[k + 1] - I[k]) / (x[k + 1] - x[k]) * (above - x[k]) + I[k], within(1e-9))
                            .isGreaterThan(I[k]);
                    assertThat(Ispu.subIndex(p, above).beyondScale()).isFalse();
                }
            }
            assertThat(Ispu.subIndex(p, 0).value()).isZero();
        });
    }

    @Test
    void verifiesThatAboveTheTopTheIndexIs500AndFlaggedBeyondTheScale() {
        TABLE.forEach((p, x) -> {
            assertThat(Ispu.subIndex(p, x[4]).beyondScale()).isFalse();
            Ispu.SubIndex over = Ispu.subIndex(p, x[4] * 1.001);
            assertThat(over.value()).isEqualTo(500);
            assertThat(over.beyondScale()).isTrue();
            assertThat(Ispu.subIndex(p, x[4] * 10).value()).isEqualTo(500);
        });
    }

    @Test
    void verifiesRoundingHalfUpAndTheCategoryOfTheRoundedValue() {
        assertThat(Ispu.round(50.49)).isEqualTo(50);
        assertThat(Ispu.round(50.5)).isEqualTo(51);
        assertThat(Ispu.Category.of(50)).isEqualTo(Ispu.Category.BAIK);
        assertThat(Ispu.Category.of(51)).isEqualTo(Ispu.Category.SEDANG);
        assertThat(Ispu.Category.of(100)).isEqualTo(Ispu.Category.SEDANG);
        assertThat(Ispu.Category.of(101)).isEqualTo(Ispu.Category.TIDAK_SEHAT);
        assertThat(Ispu.Category.of(200)).isEqualTo(Ispu.Category.TIDAK_SEHAT);
        assertThat(Ispu.Category.of(201)).isEqualTo(Ispu.Category.SANGAT_TIDAK_SEHAT);
        assertThat(Ispu.Category.of(300)).isEqualTo(Ispu.Category.SANGAT_TIDAK_SEHAT);
        assertThat(Ispu.Category.of(301)).isEqualTo(Ispu.Category.BERBAHAYA);
        assertThat(Ispu.Category.of(500)).isEqualTo(Ispu.Category.BERBAHAYA);
        // PM2.5 just above 15.5 stays Baik once rounded (50.125 -> 50)
        assertThat(Ispu.Category.of(Ispu.round(Ispu.subIndex("pm25", 15.6).value()))).isEqualTo(Ispu.Category.BAIK);
    }

    @Test
    void verifiesTheColoursAndTheWallStatusOfEachCategory() {
        assertThat(Ispu.Category.BAIK.colour).isEqualTo("green");
        assertThat(Ispu.Category.SEDANG.colour).isEqualTo("blue");
        assertThat(Ispu.Category.TIDAK_SEHAT.colour).isEqualTo("yellow");
        assertThat(Ispu.Category.SANGAT_TIDAK_SEHAT.colour).isEqualTo("red");
        assertThat(Ispu.Category.BERBAHAYA.colour).isEqualTo("black");
        assertThat(Ispu.Category.SEDANG.severity).isZero();
        assertThat(Ispu.Category.TIDAK_SEHAT.severity).isEqualTo(1);
        assertThat(Ispu.Category.SANGAT_TIDAK_SEHAT.severity).isEqualTo(2);
        assertThat(Ispu.Category.BERBAHAYA.severity).isEqualTo(2);
    }

    @Test
    void verifiesThatNegativeConcentrationsAreInvalid() {
        assertThatThrownBy(() -> Ispu.subIndex("pm25", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
