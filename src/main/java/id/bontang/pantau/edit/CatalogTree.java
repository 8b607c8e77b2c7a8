package id.bontang.pantau.edit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The catalog's text as a tree, to change one entry and write it again. YAML reads {@code 0x1f}, {@code 1_000},
 * {@code .5}, {@code 1e3} or {@code yes} as numbers and booleans, but the catalog's reader takes each scalar as it is
 * written; so here a scalar is a number only when written as a plain decimal, a boolean only as true or false, and
 * text otherwise, and a text that looks like a number is written quoted: an id or a name keeps its spelling.
 */
final class CatalogTree {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private CatalogTree() {
    }

    /** A catalog's text (validated when it was recorded) as a tree. */
    static ObjectNode read(String text) {
        try (JsonParser p = YAML.getFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            return first == JsonToken.START_OBJECT ? (ObjectNode) node(p) : NODES.objectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(ObjectNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The devices (or feeds) list of the tree, made when absent. */
    static ArrayNode entries(ObjectNode tree, String section) {
        JsonNode n = tree.get(section);
        return n instanceof ArrayNode a ? a : tree.putArray(section);
    }

    /** A number when written as a plain decimal, else the text as it is. */
    static JsonNode scalar(String text) {
        return INTEGER.matcher(text).matches() ? NODES.numberNode(new BigInteger(text))
                : DECIMAL.matcher(text).matches() ? NODES.numberNode(new BigDecimal(text)) : NODES.textNode(text);
    }

    private static JsonNode node(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, node(p));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(node(p));
                }
                return a;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return scalar(p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                String text = p.getText();
                return text.equals("true") || text.equals("false") ? NODES.booleanNode(text.equals("true")) : NODES.textNode(text);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return NODES.textNode(p.getText());
            }
        }
    }
}
