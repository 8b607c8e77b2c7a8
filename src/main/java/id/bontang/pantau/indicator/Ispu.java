package id.bontang.pantau.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Indonesia's air pollution standard index, as Permen LHK P.14/2020 defines it (docs/ispu.md): a
 * sub-index per pollutant by linear interpolation within the breakpoint table (24-hour means, µg/m³),
 * the station's ISPU the largest sub-index, rounded half-up.
 */
public final class Ispu {

    /** The ISPU upper bound of each row of the table. */
    static final double[] INDEX = {50, 100, 200, 300, 500};

    /** Concentration upper bounds per row, in table order; a value on a bound belongs to that row. */
    static final Map<String, double[]> BREAKPOINTS = Map.of(
            "pm10", new double[] {50, 150, 350, 420, 500},
            "pm25", new double[] {15.5, 55.4, 150.4, 250.4, 500},
            "so2", new double[] {52, 180, 400, 800, 1200},
            "co", new double[] {4000, 8000, 15000, 30000, 45000},
            "o3", new double[] {120, 235, 400, 800, 1000},
            "no2", new double[] {80, 200, 1130, 2260, 3000},
            "hc", new double[] {45, 100, 215, 432, 648});

    /** The pollutants in the order the regulation lists them (ties for the critical parameter go to the first). */
    public static final List<String> POLLUTANTS = List.of("pm10", "pm25", "so2", "co", "o3", "no2", "hc");

    /** A pollutant's sub-index; {@code beyondScale} when the concentration is above the table (reported as 500). */
    public record SubIndex(double value, boolean beyondScale) {
    }

    public enum Category {
        BAIK("Baik", "Good", "green", 0),
        SEDANG("Sedang", "Moderate", "blue", 0),
        TIDAK_SEHAT("Tidak Sehat", "Unhealthy", "yellow", 1),
        SANGAT_TIDAK_SEHAT("Sangat Tidak Sehat", "Very unhealthy", "red", 2),
        BERBAHAYA("Berbahaya", "Hazardous", "black", 2);

        public final String id;
        public final String en;
        public final String colour;
        /** 0 normal, 1 warning, 2 critical: the wall status. */
        public final int severity;

        Category(String id, String en, String colour, int severity) {
            this.id = id;
            this.en = en;
            this.colour = colour;
            this.severity = severity;
        }

        /** The category of a rounded ISPU. */
        public static Category of(long ispu) {
            return ispu <= 50 ? BAIK : ispu <= 100 ? SEDANG : ispu <= 200 ? TIDAK_SEHAT : ispu <= 300 ? SANGAT_TIDAK_SEHAT
                    : BERBAHAYA;
        }
    }

    private Ispu() {
    }

    /** @throws IllegalArgumentException for an unknown pollutant or a negative concentration */
    public static SubIndex subIndex(String pollutant, double concentration) {
        double[] x = BREAKPOINTS.get(pollutant);
        if (x == null || concentration < 0 || Double.isNaN(concentration)) {
            throw new IllegalArgumentException(pollutant + " = " + concentration);
        }
        double xb = 0;
        double ib = 0;
        for (int k = 0; k < x.length; k++) {
            if (concentration <= x[k]) {
                return new SubIndex((INDEX[k] - ib) / (x[k] - xb) * (concentration - xb) + ib, false);
            }
            xb = x[k];
            ib = INDEX[k];
        }
        return new SubIndex(INDEX[INDEX.length - 1], true);
    }

    /** Rounds half-up, as the reported ISPU is (79.45 → 79, 50.5 → 51). */
    public static long round(double subIndex) {
        return new BigDecimal(Double.toString(subIndex)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
