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
    private final java.util.Set<String> privateHosts;

    public Secrets(ConnectorConfig config) {
        this.secrets = pairs(config.secrets().orElse(""), "PANTAU_CONNECTOR_SECRETS");
        this.urls = pairs(config.urls().orElse(""), "PANTAU_CONNECTOR_URLS");
        this.privateHosts = java.util.Arrays.stream(config.pullHosts().orElse("").split(",")).map(String::trim)
                .filter(h -> !h.isEmpty()).map(h -> h.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    /** Whether a pull feed may reach {@code host} although it resolves to a private address. */
    boolean privateAllowed(String host) {
        return privateHosts.contains(host.toLowerCase(java.util.Locale.ROOT));
    }

    static Map<String, String> pairs(String text, String name) {
        return id.bontang.pantau.api.NamedValues.parse(text, name);
    }

    /** Whether the named secret is configured (a webhook's, or one bound to a host). */
    Optional<String> secret(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(secrets.get(name)).or(() -> secrets.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "@")).map(Map.Entry::getValue).findFirst());
    }

    /** The named secret for a request to {@code host}: only one configured as {@code name@host}. */
    Optional<String> secretFor(String name, String host) {
        return Optional.ofNullable(name == null || host == null ? null
                : secrets.get(name + "@" + host.toLowerCase(java.util.Locale.ROOT)));
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
