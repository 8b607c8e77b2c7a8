package id.bontang.pantau.indicator;

import java.util.List;

/**
 * Hears the engine's output: the tiles that changed, in the order they were computed, one call at a time. A listener
 * gets the current tiles when it starts listening ({@link IndicatorEngine#listen}). Must not block: the engine waits.
 */
@FunctionalInterface
public interface TileStates {

    void changed(List<TileState> changed);

    /**
     * A new catalog: {@code all} is every tile now, in its order; a tile not in it is gone. Heard like a change unless
     * the listener keeps a layout (the walls).
     */
    default void rebuilt(List<TileState> all) {
        changed(all);
    }

    /** The engine evaluated the tiles at {@code millis}, whether or not any changed. */
    default void evaluated(long millis) {
    }
}
