package id.bontang.pantau.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * Conversions into a catalog unit from the units sensors commonly report (SenML names where they exist).
 * Gases in ppb or ppm become µg/m³ at 25 °C and 1 atm with the molecular-weight factors of docs/ispu.md.
 */
public final class Units {

    /** µg/m³ per ppb. */
    private static final Map<String, Double> PPB_TO_UGM3 = Map.of("no2", 1.88, "so2", 2.62, "o3", 1.96, "co", 1.145);

    private static final Map<String, DoubleUnaryOperator> FIXED = Map.of(
            "mg/m3>ug/m3", v -> v * 1000,
            "m>cm", v -> v * 100,
            "mm>cm", v -> v / 10,
            "K>Cel", v -> v - 273.15,
            "km/h>m/s", v -> v / 3.6,
            "m/s>km/h", v -> v * 3.6,
            "Wh>kWh", v -> v / 1000,
            "%>%RH", v -> v,
            "1>count", v -> v);

    private Units() {
    }

    /** How to turn a value of {@code metric} in {@code from} into {@code to}; empty when there is no known way. */
    public static Optional<DoubleUnaryOperator> converter(String metric, String from, String to) {
        if (from.equals(to)) {
            return Optional.of(DoubleUnaryOperator.identity());
        }
        Double gas = PPB_TO_UGM3.get(metric);
        if (gas != null && to.equals("ug/m3")) {
            if (from.equals("ppb")) {
                return Optional.of(v -> v * gas);
            }
            if (from.equals("ppm")) {
                return Optional.of(v -> v * gas * 1000);
            }
        }
        return Optional.ofNullable(FIXED.get(from + ">" + to));
    }
}
