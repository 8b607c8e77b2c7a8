package id.bontang.pantau.catalog;

/**
 * When a value turns a tile's status to warning or critical. With {@code below}, low values are the
 * bad ones (a share of cameras online, water production).
 */
public record Thresholds(double warning, double critical, boolean below) {

    /** 0 normal, 1 warning, 2 critical. */
    public int severity(double value) {
        if (below) {
            return value <= critical ? 2 : value <= warning ? 1 : 0;
        }
        return value >= critical ? 2 : value >= warning ? 1 : 0;
    }
}
