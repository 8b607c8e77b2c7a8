package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Levels;

/** BNPB warning levels of a water gauge, severity 0–3 (Jakarta's "Siaga 4…1" counts the other way). */
public enum FloodLevel {
    NORMAL("Normal", "Normal", 0),
    WASPADA("Waspada", "Advisory", 1),
    SIAGA("Siaga", "Watch", 2),
    AWAS("Awas", "Warning", 2);

    public final String id;
    public final String en;
    /** The wall status: Normal normal, Waspada warning, Siaga and Awas critical. */
    public final int status;

    FloodLevel(String id, String en, int status) {
        this.id = id;
        this.en = en;
        this.status = status;
    }

    public int severity() {
        return ordinal();
    }

    /** A level at or above a threshold has reached that warning level. */
    public static FloodLevel of(Levels levels, double cm) {
        return cm >= levels.awas() ? AWAS : cm >= levels.siaga() ? SIAGA : cm >= levels.waspada() ? WASPADA : NORMAL;
    }
}
