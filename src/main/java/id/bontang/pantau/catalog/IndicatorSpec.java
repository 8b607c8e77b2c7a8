package id.bontang.pantau.catalog;

import java.util.List;

/**
 * A tile of the wall as the catalog defines it, after {@code each} has been expanded: one spec per tile.
 *
 * @param source  the one source a per-source tile was made for (null for tiles over several)
 * @param value   the main figure (null for ispu and worst tiles, which compute their own)
 * @param extras  further figures of the tile
 * @param of      for {@code worst}: the ids of the tiles it takes the worst of
 */
public record IndicatorSpec(String id, Type type, Dimension dimension, Title title, Source source, String area,
        List<String> sources, MeasureSpec value, List<MeasureSpec> extras, List<String> of) {

    public enum Type {
        VALUE, ISPU, FLOOD, WORST
    }
}
