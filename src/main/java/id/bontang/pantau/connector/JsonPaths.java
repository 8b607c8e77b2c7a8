package id.bontang.pantau.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Dotted paths into JSON: {@code object.water.level}, {@code rxInfo.0.rssi}; a number steps into an array. */
final class JsonPaths {

    private JsonPaths() {
    }

    /** The node at {@code path}, or a missing node (never null). */
    static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        int from = 0;
        while (n != null && !n.isMissingNode() && from <= path.length()) {
            int dot = path.indexOf('.', from);
            String step = path.substring(from, dot < 0 ? path.length() : dot);
            if (n.isArray() && !step.isEmpty() && step.chars().allMatch(Character::isDigit) && step.length() < 9) {
                n = n.get(Integer.parseInt(step));
            } else {
                n = n.get(step);
            }
            if (dot < 0) {
                break;
            }
            from = dot + 1;
        }
        return n == null || n.isNull() ? MissingNode.getInstance() : n;
    }
}
