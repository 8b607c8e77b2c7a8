package id.bontang.pantau.alarm;

import java.util.List;

/** Where the walls that stopped rendering are: the walls rule asks, the wall (the top floor) answers. */
public interface FrozenWalls {

    /** Each frozen wall's name or address, sorted. */
    List<String> frozen();
}
