package id.bontang.pantau.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Grafana dashboards the repository ships. */
public final class Dashboards {

    public static final Path DIR = Path.of("grafana", "dashboards");

    private Dashboards() {
    }

    public static List<Path> files() throws IOException {
        try (var files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
