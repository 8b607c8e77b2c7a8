package id.bontang.pantau.catalog;

/**
 * What a source's metric is measured in, the plausible range outside which a value is rejected, and what kind
 * of figure it is, which decides when two records are one (docs/architecture.md, "Reading identity").
 */
public record MetricSpec(String unit, double min, double max, Type type) {

    public enum Type {
        /** A level, a concentration, a queue: one value per time; a repeat is harmless. */
        STATE,
        /** A count or amount over the interval ending at the reading's time (vehicles, rain, kWh): summed, one per time. */
        TOTAL,
        /** One more event per record (calls, orders, visits): two records at the same time are two events. */
        INCREMENT
    }

    /** Every record is one event, so only its {@code id} can tell a repeat. */
    public boolean increment() {
        return type == Type.INCREMENT;
    }

    /** Whether adding its values up means something (a sum or a rate over a window). */
    public boolean summable() {
        return type != Type.STATE;
    }
}
