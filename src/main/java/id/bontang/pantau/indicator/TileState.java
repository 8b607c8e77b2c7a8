package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.Dimension;
import id.bontang.pantau.catalog.Title;
import java.time.Instant;
import java.util.Map;

/**
 * A tile as the engine computes it, typed: what the wall shows and what the alarm rules judge. The wall turns it into
 * its wire format ({@code wall.Tile}); nothing here knows of sockets or text.
 *
 * @param value     the figure as shown (rounded as the catalog says), null while there is no data
 * @param updatedAt the event time of the newest input, null before any
 * @param figures   the tile's further figures (the catalog's extras) by name, as shown; absent while unknown
 * @param details   kind-specific fields the wall displays (ISPU category, flood level, extras' titles…)
 */
public record TileState(String id, Dimension dimension, Title title, Number value, String unit, Status status,
        Freshness freshness, Instant updatedAt, Map<String, Double> figures, Map<String, Object> details) {

    public enum Status {
        NORMAL, WARNING, CRITICAL, UNKNOWN;

        /** By severity: 0 normal, 1 warning, 2 critical. */
        static Status of(int severity) {
            return values()[severity];
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Freshness {
        /** The newest input is at most three cadences old. */
        FRESH("fresh"),
        STALE("stale"),
        NO_DATA("no-data");

        private final String code;

        Freshness(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The main value ({@code field} null or "value") or one of the further figures; null when unknown. */
    public Double figure(String field) {
        if (field == null || field.equals("value")) {
            return value == null ? null : value.doubleValue();
        }
        return figures.get(field);
    }

    /** The same, marked as rebuilt from the database still ({@code rebuilding}): its figure may be partial. */
    public TileState rebuilding() {
        Map<String, Object> d = new java.util.LinkedHashMap<>(details == null ? Map.of() : details);
        d.put("rebuilding", true);
        return new TileState(id, dimension, title, value, unit, status, freshness, updatedAt, figures, d);
    }

    /** Whether its past is being read still (a tile a catalog change built): alarms wait for it. */
    public boolean isRebuilding() {
        return details != null && Boolean.TRUE.equals(details.get("rebuilding"));
    }
}
