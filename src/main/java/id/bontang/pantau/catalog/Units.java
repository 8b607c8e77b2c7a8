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

    private static final Map<String, DoubleUnaryOperator> FIXED = Map.ofEntries(
            Map.entry("mg/m3>ug/m3", v -> v * 1000),
            Map.entry("m>cm", v -> v * 100),
            Map.entry("cm>m", v -> v / 100),
            Map.entry("mm>cm", v -> v / 10),
            Map.entry("K>Cel", v -> v - 273.15),
            Map.entry("km/h>m/s", v -> v / 3.6),
            Map.entry("m/s>km/h", v -> v * 3.6),
            Map.entry("Wh>kWh", v -> v / 1000),
            Map.entry("%>%RH", v -> v),
            Map.entry("%RH>%", v -> v),
            Map.entry("1>count", v -> v));

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
