package id.bontang.pantau.catalog;

import java.util.List;

/** The catalog file cannot be used; the message names the file, each entry at fault and what is wrong. */
public class CatalogException extends RuntimeException {

    private final List<String> problems;

    public CatalogException(String origin, List<String> problems) {
        super("Invalid catalog " + origin + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
