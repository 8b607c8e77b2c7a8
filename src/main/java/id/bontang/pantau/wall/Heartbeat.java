package id.bontang.pantau.wall;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The heartbeat message (docs/wall-protocol.md): the server's time and when the engine last evaluated the tiles, so
 * that a page can tell a stalled server from a calm city.
 */
final class Heartbeat {

    private Heartbeat() {
    }

    /** {@code evaluatedAt} is {@link Long#MIN_VALUE} while the engine has evaluated nothing yet. */
    static Map<String, Object> message(long now, long evaluatedAt, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "heartbeat");
        m.put("time", format(now, zone, ChronoUnit.SECONDS));
        m.put("evaluatedAt", evaluatedAt == Long.MIN_VALUE ? null : format(evaluatedAt, zone, ChronoUnit.MILLIS));
        return m;
    }

    private static String format(long millis, ZoneId zone, ChronoUnit unit) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), zone).truncatedTo(unit).toString();
    }
}
