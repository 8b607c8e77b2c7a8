package id.bontang.pantau.catalog;

/** What a source's metric is measured in, and the plausible range outside which a value is rejected. */
public record MetricSpec(String unit, double min, double max) {
}
