package id.bontang.pantau.wall;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per tile, one point a minute (the last value of the minute), by the event time of its newest input, so that a replayed
 * backlog draws its hours. Not thread-safe: the hub calls it under its lock.
 */
final class Sparklines {

    private final int minutes;
    /** Per tile: epoch minute and value. */
    private final Map<String, ArrayDeque<double[]>> points = new LinkedHashMap<>();

    Sparklines(int hours) {
        this.minutes = hours * 60;
    }

    /** Forgets the tiles a new catalog has no more. */
    void keep(java.util.Set<String> tiles) {
        points.keySet().retainAll(tiles);
    }

    void add(Tile t, long at, long now) {
        if (t.value() == null) {
            return;
        }
        double minute = Math.floorDiv(at, 60_000L);
        long nowMinute = Math.floorDiv(now, 60_000L);
        ArrayDeque<double[]> tile = points.computeIfAbsent(t.id(), k -> new ArrayDeque<>());
        double[] last = tile.peekLast();
        if (last != null && last[0] == minute) {
            last[1] = t.value().doubleValue();
        } else if (last == null || minute > last[0]) {
            tile.addLast(new double[] {minute, t.value().doubleValue()});
        }
        while (!tile.isEmpty() && (tile.size() > minutes || nowMinute - tile.peekFirst()[0] >= minutes)) {
            tile.removeFirst();
        }
    }

    /** Each tile's values of the last {@code hours}, one point a minute: [[epoch millis, value], …]. */
    Map<String, List<double[]>> last(int hours, long now) {
        double since = Math.floorDiv(now, 60_000L) - hours * 60L;
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        points.forEach((id, tile) -> out.put(id, tile.stream().filter(p -> p[0] > since)
                .map(p -> new double[] {p[0] * 60_000, p[1]}).toList()));
        return out;
    }
}
