package id.bontang.pantau.ingest;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.LiveCatalog;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The agency feeds' API keys ({@code PANTAU_FEED_KEYS=feedId=key,feedId=sha256:<hex>}): a key is given in clear
 * or as its SHA-256 digest (then the environment holds no clear key), a clear key of at least {@value #MIN_LENGTH}
 * characters. Keys are kept only as digests and compared
 * in constant time; they are never logged.
 */
@Singleton
public class FeedKeys {

    private final Map<String, byte[]> digests = new HashMap<>();

    public FeedKeys(@ConfigProperty(name = "pantau.feed-keys") Optional<String> keys, LiveCatalog live) {
        Catalog catalog = live.current(); // the keys are checked against the feeds at start
        if (keys.isEmpty() || keys.get().isBlank()) {
            Log.info("Feeds: no API keys configured (PANTAU_FEED_KEYS); agency feeds can only arrive over MQTT");
            return;
        }
        String[] entries = keys.get().split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("PANTAU_FEED_KEYS: entry " + (i + 1) + " is not feedId=key");
            }
            String feed = entry.substring(0, eq).trim();
            if (catalog.source(feed).filter(s -> s.isFeed()).isEmpty()) {
                // Not fatal: the catalog changes while Pantau runs (a feed added later, one removed since the key was set).
                Log.warnf("PANTAU_FEED_KEYS: entry %d names feed '%s', which is not a feed of the running catalog (feeds: %s); "
                        + "its key works once the catalog has it", i + 1, feed, catalog.feeds().stream().map(s -> s.id()).toList());
            }
            String key = entry.substring(eq + 1).trim();
            if (!key.startsWith(HASHED) && key.length() < MIN_LENGTH) {
                // Names the feed, never the key: the log may be read by more people than the environment.
                throw new IllegalArgumentException("PANTAU_FEED_KEYS: the key of feed '" + feed + "' (entry " + (i + 1)
                        + ") is shorter than " + MIN_LENGTH + " characters; give it a random one, e.g. openssl rand -hex 24");
            }
            digests.put(feed, key.startsWith(HASHED) ? hashed(key, i + 1) : sha256(key));
        }
        Log.infof("Feeds: API keys configured for %s", digests.keySet());
    }

    /**
     * The shortest key taken in clear: a key is the feed's only credential, and one a person could guess, or try
     * within the rate limit, is none. A key given as its digest cannot be measured; it should be as long.
     */
    static final int MIN_LENGTH = 16;

    /** A key given as its digest, {@code sha256:<64 hex digits>}, so that the environment holds no clear key. */
    static final String HASHED = "sha256:";

    private static byte[] hashed(String key, int entry) {
        String hex = key.substring(HASHED.length());
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("PANTAU_FEED_KEYS: entry " + entry + " is sha256: but not 64 hexadecimal digits "
                    + "(printf '%s' 'the-key' | sha256sum)");
        }
        return java.util.HexFormat.of().parseHex(hex);
    }

    public boolean hasKey(String feed) {
        return digests.containsKey(feed);
    }

    /** Whether {@code key} is the key of {@code feed}; takes the same time whatever the key. */
    public boolean matches(String feed, String key) {
        byte[] expected = digests.get(feed);
        return expected != null && MessageDigest.isEqual(expected, sha256(key));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
