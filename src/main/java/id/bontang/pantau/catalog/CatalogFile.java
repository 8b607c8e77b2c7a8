package id.bontang.pantau.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import id.bontang.pantau.catalog.CatalogLoader.RawCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the YAML text into the file's shape ({@link RawCatalog}), turning Jackson's failures into one problem
 * that names the line, the column and the path of the entry. Nothing is checked here beyond the shape.
 */
final class CatalogFile {

    // Unknown properties are errors, so that a typo cannot silently drop a setting.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private CatalogFile() {
    }

    /** @throws CatalogException when the file cannot be read, does not have the shape, or is empty */
    /** A part of the file given as a tree (a field of two shapes), read as a record with the same strictness. */
    static <T> T convert(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
        try {
            return YAML.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
    }

    static RawCatalog read(String origin, InputStream in) {
        try {
            return read(origin, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CatalogException(origin, List.of("cannot be read: " + e.getMessage()));
        }
    }

    static RawCatalog read(String origin, String text) {
        RawCatalog raw;
        try {
            raw = YAML.readValue(text, RawCatalog.class);
        } catch (UnrecognizedPropertyException e) {
            throw new CatalogException(origin, List.of(where(e) + "unknown property '" + e.getPropertyName()
                    + "' (allowed: " + e.getKnownPropertyIds() + ")"));
        } catch (JacksonException e) {
            throw new CatalogException(origin, List.of(where(e) + said(e.getOriginalMessage())));
        }
        if (raw == null) {
            throw new CatalogException(origin, List.of("the file is empty"));
        }
        List<String> problems = new java.util.ArrayList<>();
        try {
            controls(YAML.readTree(text), "", problems);
        } catch (JacksonException e) {
            problems.add(where(e) + said(e.getOriginalMessage()));
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(origin, problems);
        }
        return raw;
    }

    /**
     * Control characters (a NUL written as "\0", a line break in a name) in any text or key: PostgreSQL refuses a NUL,
     * so such a catalog would pass here and stop the store at the next start; a break forges lines in logs.
     */
    private static void controls(com.fasterxml.jackson.databind.JsonNode node, String at, List<String> problems) {
        if (node.isTextual() && node.asText().chars().anyMatch(Character::isISOControl)) {
            problems.add(at + ": a control character is not allowed in a text");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                controls(node.get(i), at + "[" + i + "]", problems);
            }
        }
        node.properties().forEach(f -> {
            String key = at.isEmpty() ? f.getKey() : at + "." + f.getKey();
            if (f.getKey().chars().anyMatch(Character::isISOControl)) {
                problems.add(key.replaceAll("\\p{Cntrl}", "?") + ": a control character is not allowed in a name");
            }
            controls(f.getValue(), key.replaceAll("\\p{Cntrl}", "?"), problems);
        });
    }

    /** Jackson's sentence without Java's names; a key given twice said so. */
    private static String said(String message) {
        java.util.regex.Matcher twice = java.util.regex.Pattern.compile("No fallback setter/field defined for creator property '([^']*)'")
                .matcher(message);
        return twice.find() ? "'" + twice.group(1) + "' is given twice"
                : message.replace(CatalogLoader.class.getName() + "$", "").replaceAll("`[a-z.]+\\.", "`");
    }

    /** "line 3, column 5: RawCatalog["areas"]->…: ", the records named without their enclosing class. */
    private static String where(JacksonException e) {
        String at = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        String path = e instanceof JsonMappingException m ? m.getPathReference() : "";
        return at + path.replace(CatalogLoader.class.getName() + "$", "") + (path.isEmpty() ? "" : ": ");
    }
}
