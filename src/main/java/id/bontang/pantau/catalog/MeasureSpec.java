package id.bontang.pantau.catalog;

import java.util.List;

/**
 * One figure of a tile: which metric of the tile's sources, over which window, aggregated how.
 *
 * @param name       the key of an extra figure in the tile ({@code value} for the main one)
 * @param title      the label of an extra figure, null for the main one
 * @param sources    the ids of the sources it reads
 * @param shareOf    when set, the figure is this aggregate as a percentage of the same aggregate of that metric
 * @param thresholds when set, the figure takes part in the tile's status
 */
public record MeasureSpec(String name, Title title, List<String> sources, String metric, Window window,
        Aggregate aggregate, String unit, int decimals, String shareOf, Thresholds thresholds) {
}
