package id.bontang.pantau.catalog;

/**
 * The text the running catalog was read from, and where it came from.
 *
 * @param number the database's version number, or 0 when it was read from a file (file mode, no database yet, or
 *               a database that could not be reached at start)
 * @param origin where the files the catalog names (city.geojson) are found: the file, or classpath:…
 * @param text   the catalog as written (YAML or JSON), comments kept
 */
public record CatalogVersion(int number, String origin, String text) {

    public boolean stored() {
        return number > 0;
    }
}
