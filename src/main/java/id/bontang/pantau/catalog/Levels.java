package id.bontang.pantau.catalog;

/** A water-level gauge's thresholds (cm): a level at or above one has reached that warning level. */
public record Levels(double waspada, double siaga, double awas) {
}
