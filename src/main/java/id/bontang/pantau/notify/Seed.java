package id.bontang.pantau.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings to start with when none are stored (dev mode's {@code notify/dev-settings.json}): the admins' document and,
 * under {@code personal}, users' own. {@code {consoleUrl}} in it becomes the address Pantau is reached at, so that the
 * simulator's stand-ins are found on whatever port dev mode runs.
 */
final class Seed {

    private Seed() {
    }

    static void plant(NotifyStore store, ObjectMapper json, String resource, String consoleUrl, Function<Object, String> write)
            throws SQLException {
        if (store.settings(Notifications.RULES).version() != 0) {
            return;
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                Log.warnf("Notifications: no seed settings %s on the class path", resource);
                return;
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{consoleUrl}", consoleUrl);
            ObjectNode tree = (ObjectNode) json.readTree(text);
            JsonNode personal = tree.remove("personal");
            store.saveSettings(Notifications.RULES, write.apply(json.treeToValue(tree, Settings.class).checked()), 0, "seed");
            if (personal != null) {
                for (Map.Entry<String, JsonNode> e : personal.properties()) {
                    Personal p = json.treeToValue(e.getValue(), Personal.class).checked();
                    String key = "user:" + e.getKey();
                    store.saveSettings(key, write.apply(p), store.settings(key).version(), "seed");
                }
            }
            Log.infof("Notifications: started with the settings of %s", resource);
        } catch (IOException e) {
            Log.warnf("Notifications: seed settings %s unreadable: %s", resource, e.getMessage());
        }
    }
}
