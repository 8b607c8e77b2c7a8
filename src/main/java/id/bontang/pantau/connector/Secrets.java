package id.bontang.pantau.connector;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The connectors' secrets and url overrides, from configuration ({@link ConnectorConfig}): never in the catalog,
 * never logged. A webhook's secret is compared in constant time.
 */
@Singleton
public class Secrets {

    private final Map<String, String> secrets;
    private final Map<String, String> urls;

    public Secrets(ConnectorConfig config) {
        this.secrets = pairs(config.secrets().orElse(""), "PANTAU_CONNECTOR_SECRETS");
        this.urls = pairs(config.urls().orElse(""), "PANTAU_CONNECTOR_URLS");
    }

    static Map<String, String> pairs(String text, String name) {
        Map<String, String> map = new HashMap<>();
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i].trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException(name + ": entry " + (i + 1) + " is not name=value");
            }
            map.put(e.substring(0, eq).trim(), e.substring(eq + 1).trim());
        }
        return Map.copyOf(map);
    }

    Optional<String> secret(String name) {
        return Optional.ofNullable(name == null ? null : secrets.get(name));
    }

    /** Whether {@code given} is the named secret; false when it is not configured. */
    boolean matches(String name, String given) {
        String secret = name == null ? null : secrets.get(name);
        return secret != null && given != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    String url(String connector, String catalogs) {
        return urls.getOrDefault(connector, catalogs);
    }
}
