package id.bontang.pantau.wall;

import java.util.Collection;

/** What the wall's socket sends: {@code snapshot} (all tiles) or {@code delta} (changed tiles), with {@code seq}. */
public record WallMessage(String type, long seq, Collection<Tile> tiles) {
}
