package id.bontang.pantau.wall;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import id.bontang.pantau.catalog.Title;
import id.bontang.pantau.indicator.TileState;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One tile of the wall as clients receive it, in snapshots, deltas and {@code GET /api/v1/tiles}.
 *
 * @param value     the figure (rounded as the catalog says), null while there is no data
 * @param status    normal | warning | critical | unknown
 * @param freshness fresh | stale (newest input older than three cadences) | no-data
 * @param updatedAt the event time of the newest input, ISO-8601 in the city's time zone, or null
 * @param details   kind-specific fields, written at the top level of the object (ISPU category, flood level, extras…)
 */
@JsonPropertyOrder({ "id", "dimension", "title", "value", "unit", "status", "freshness", "updatedAt" })
public record Tile(String id, String dimension, Title title, Number value, String unit, String status, String freshness,
        String updatedAt, @JsonIgnore Map<String, Object> details) {


    @JsonAnyGetter
    public Map<String, Object> fields() {
        return details;
    }

    /** The engine's typed tile in the wall's words: codes for status and freshness, the time in the city's zone. */
    static Tile of(TileState s, ZoneId zone) {
        String updatedAt = s.updatedAt() == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(s.updatedAt(), zone));
        return new Tile(s.id(), s.dimension().code(), s.title(), s.value(), s.unit(), s.status().code(),
                s.freshness().code(), updatedAt, s.details());
    }
}
