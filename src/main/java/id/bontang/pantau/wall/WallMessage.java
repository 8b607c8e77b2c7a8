package id.bontang.pantau.wall;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collection;

/**
 * What the wall's socket sends, each with the next {@code seq}: {@code snapshot} (all tiles and the open alarms, and the number of
 * the catalog version they are of: a snapshot arrives unasked when the catalog changes),
 * {@code delta} (changed tiles) or {@code alarms} (changed alarms, closed ones included so that clients drop them,
 * and the alarm summary).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WallMessage(String type, long seq, Collection<Tile> tiles, Collection<Object> alarms, Object alarmSummary,
        Integer catalog) {

    public WallMessage(String type, long seq, Collection<Tile> tiles, Collection<Object> alarms, Object alarmSummary) {
        this(type, seq, tiles, alarms, alarmSummary, null);
    }

    static WallMessage delta(long seq, Collection<Tile> tiles) {
        return new WallMessage("delta", seq, tiles, null, null);
    }

    static WallMessage alarms(long seq, Collection<Object> alarms, Object summary) {
        return new WallMessage("alarms", seq, null, alarms, summary);
    }
}
