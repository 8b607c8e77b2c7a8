package id.bontang.pantau.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in catalog with some of its text replaced, written to a temporary file for {@code pantau.catalog}. Its
 * map stays the built-in one (a catalog's {@code geojson} is read beside the catalog's file, which a copy lacks).
 */
public final class EditedCatalog {

    private String yaml;

    public EditedCatalog() {
        try (InputStream in = EditedCatalog.class.getResourceAsStream("/catalog/bontang.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replace("geojson: bontang-kelurahan.geojson", "geojson: classpath:catalog/bontang-kelurahan.geojson");
    }

    /** Replaces the first match of {@code regex}; fails when the built-in catalog no longer has it. */
    public EditedCatalog replace(String regex, String replacement) {
        String edited = yaml.replaceFirst(regex, replacement);
        if (edited.equals(yaml)) {
            throw new IllegalStateException("the built-in catalog no longer has /" + regex + "/");
        }
        yaml = edited;
        return this;
    }

    /** The file's path. */
    public String write() {
        try {
            Path file = Files.createTempFile("pantau-catalog-", ".yaml");
            Files.writeString(file, yaml);
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
