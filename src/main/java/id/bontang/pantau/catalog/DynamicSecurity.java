package id.bontang.pantau.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The configuration file of Mosquitto's dynamic-security plugin ({@code plugin_opt_config_file}): roles with their
 * ACLs, and clients (logins) with their password hash, the roles they hold and, for all but Pantau's own, the one
 * client id they may connect with. The format is the plugin's own (mosquitto 2.0.x, plugins/dynamic-security:
 * {@code clients.c}, {@code roles.c}); the broker reads it at start and writes it back when it is changed over
 * {@code $CONTROL/dynamic-security/v1}.
 */
public final class DynamicSecurity {

    /** Who may do what: ACL entries of one kind ({@code publishClientSend}, {@code subscribePattern}, ...). */
    public record Acl(String type, String topic) {
    }

    public record Role(String name, String description, List<Acl> acls) {
    }

    /** A login; {@code clientId} null for one that may use any client id (Pantau's own: it needs many). */
    public record Login(String username, String clientId, String description, List<String> roles) {
    }

    /**
     * A password as the plugin keeps it: PBKDF2-HMAC-SHA512 over the password's bytes with a 12-byte salt (the raw
     * bytes, not their Base64), 64 bytes of hash, both Base64 in the file ({@code auth.c}, {@code dynsec_auth__pw_hash}).
     * Mosquitto's password file ({@code $7$iterations$salt$hash}) is the same hash, so its entries carry over.
     */
    public record Secret(String salt, String hash, int iterations) {

        static final int ITERATIONS = 101; // the plugin's and mosquitto_passwd's default
        private static final SecureRandom RANDOM = new SecureRandom();

        public static Secret of(String password) {
            byte[] salt = new byte[12];
            RANDOM.nextBytes(salt);
            Base64.Encoder b64 = Base64.getEncoder();
            return new Secret(b64.encodeToString(salt), b64.encodeToString(hash(password, salt, ITERATIONS)), ITERATIONS);
        }

        /** A line's hash from a Mosquitto 2 password file, null when it is not one ({@code $6$} is SHA-512 without PBKDF2). */
        static Secret fromPasswordFile(String hash) {
            String[] p = hash.split("\\$");
            if (p.length != 5 || !p[1].equals("7") || !p[2].matches("[1-9][0-9]{0,8}")) {
                return null;
            }
            return new Secret(p[3], p[4], Integer.parseInt(p[2]));
        }

        /** Whether {@code password} is this one (for tests and checks; the broker does its own). */
        public boolean matches(String password) {
            byte[] expected = Base64.getDecoder().decode(hash);
            return java.security.MessageDigest.isEqual(expected, hash(password, Base64.getDecoder().decode(salt), iterations));
        }

        private static byte[] hash(String password, byte[] salt, int iterations) {
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 512)).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Role> roles = new ArrayList<>();
    private final List<Login> logins = new ArrayList<>();

    public DynamicSecurity role(Role role) {
        roles.add(role);
        return this;
    }

    public DynamicSecurity login(Login login) {
        logins.add(login);
        return this;
    }

    public List<Role> roles() {
        return List.copyOf(roles);
    }

    public List<Login> logins() {
        return List.copyOf(logins);
    }

    /**
     * The file's text. Everything not allowed by a role is denied (publishing, subscribing and receiving), except
     * unsubscribing. A login without a secret is written without a password: the plugin lets no one in as it.
     */
    public String json(Map<String, Secret> secrets) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("defaultACLAccess").put("publishClientSend", false).put("publishClientReceive", false)
                .put("subscribe", false).put("unsubscribe", true);
        ArrayNode clients = root.putArray("clients");
        for (Login l : logins) {
            ObjectNode c = clients.addObject().put("username", l.username());
            if (l.clientId() != null) {
                c.put("clientid", l.clientId());
            }
            c.put("textname", l.description());
            Secret s = secrets.get(l.username());
            if (s != null) {
                c.put("salt", s.salt()).put("password", s.hash()).put("iterations", s.iterations());
            }
            ArrayNode r = c.putArray("roles");
            l.roles().forEach(name -> r.addObject().put("rolename", name));
        }
        root.putArray("groups");
        ArrayNode rs = root.putArray("roles");
        for (Role role : roles) {
            ObjectNode r = rs.addObject().put("rolename", role.name()).put("textdescription", role.description());
            ArrayNode acls = r.putArray("acls");
            role.acls().forEach(a -> acls.addObject().put("acltype", a.type()).put("topic", a.topic()).put("allow", true));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secrets of an existing file, by user name (empty when there is none). */
    public static Map<String, Secret> secrets(Path file) throws IOException {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return secrets;
        }
        JsonNode clients = JSON.readTree(file.toFile()).path("clients");
        for (JsonNode c : clients) {
            if (c.hasNonNull("username") && c.hasNonNull("salt") && c.hasNonNull("password") && c.path("iterations").canConvertToInt()) {
                secrets.put(c.get("username").asText(), new Secret(c.get("salt").asText(), c.get("password").asText(),
                        c.get("iterations").asInt()));
            }
        }
        return secrets;
    }

    /** The secrets of a Mosquitto password file ({@code user:$7$...}), by user name (empty when there is none). */
    public static Map<String, Secret> passwordFile(Path file) throws IOException {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return secrets;
        }
        for (String line : Files.readAllLines(file)) {
            int colon = line.indexOf(':');
            Secret s = colon > 0 ? Secret.fromPasswordFile(line.substring(colon + 1).trim()) : null;
            if (s != null) {
                secrets.put(line.substring(0, colon), s);
            }
        }
        return secrets;
    }
}
