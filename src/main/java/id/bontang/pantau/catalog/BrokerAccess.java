package id.bontang.pantau.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Who may publish where on Pantau's Mosquitto, from the catalog: an ACL that lets each device publish only
 * under {@code pantau/v1/devices/<its id>/} and each feed only on {@code pantau/v1/feeds/<its id>}, and a
 * password file with a user per device and feed (and Pantau's own). Existing passwords are kept; new users,
 * and those named with {@code --rotate}, get a fresh random one, written once to {@code credentials.csv}
 * for the people who install the devices.
 *
 * <pre>mosquitto/credentials [--catalog FILE] [--dir DIR] [--rotate ID ...]</pre>
 */
public final class BrokerAccess {

    /** Systems that follow the alarms (sirens, the 112 dispatch, messaging gateways): they read the alarm topics only. */
    public static final String ALARMS = "pantau-alarms";
    /** Pantau's own user. */
    public static final String PANTAU = "pantau";
    private static final SecureRandom RANDOM = new SecureRandom();

    private BrokerAccess() {
    }

    /** The ACL for a catalog: deterministic, so that it can be reviewed and kept in the repository. */
    public static String acl(Catalog catalog) {
        StringBuilder b = new StringBuilder();
        b.append("# Who may publish where on Pantau's broker. Generated from ").append(catalog.origin())
                .append("\n# by mosquitto/credentials; generate it again after changing the catalog.\n\n")
                .append("# Pantau itself: reads every reading and the broker's counts of dropped and held messages, relays\n")
                .append("# agency records posted to it over HTTP to the other instances, and publishes the alarms.\n")
                .append("user ").append(PANTAU).append('\n')
                .append("topic read pantau/v1/#\n")
                .append("topic write pantau/v1/feeds/#\n")
                .append("topic write pantau/v1/alarms/#\n")
                .append("topic read $SYS/broker/publish/messages/dropped\n")
                .append("topic read $SYS/broker/store/messages/count\n");
        b.append("\n# Systems that follow the alarms (docs/alarms.md): read them, nothing else.\nuser ").append(ALARMS)
                .append("\ntopic read pantau/v1/alarms/#\n");
        b.append("\n# Devices: their telemetry and their status (also as last will), under their own id only.\n");
        for (Source s : catalog.devices()) {
            b.append("user ").append(s.id()).append("\ntopic write pantau/v1/devices/").append(s.id()).append("/#\n");
        }
        b.append("\n# Agency feeds: their own feed topic only.\n");
        for (Source s : catalog.feeds()) {
            b.append("user ").append(s.id()).append("\ntopic write pantau/v1/feeds/").append(s.id()).append('\n');
        }
        return b.toString();
    }

    /** A password in Mosquitto 2's format (PBKDF2-HMAC-SHA512, 101 rounds, 12-byte salt), as mosquitto_passwd writes it. */
    public static String hash(String password) {
        byte[] salt = new byte[12];
        RANDOM.nextBytes(salt);
        try {
            byte[] h = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 101, 512)).getEncoded();
            return "$7$101$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newPassword() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Writes {@code acl}, and updates {@code passwd}: a user per device and feed plus Pantau's own. Users no longer
     * in the catalog are removed.
     *
     * @param pantauPassword Pantau's password, or null to keep the one in the file (or make one)
     * @param rotate         ids whose password is replaced
     * @return the new passwords, by user (also written to {@code credentials.csv})
     */
    public static Map<String, String> write(Catalog catalog, Path dir, String pantauPassword, Set<String> rotate) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("acl"), acl(catalog));
        Path passwd = dir.resolve("passwd");
        Map<String, String> hashes = new LinkedHashMap<>();
        if (Files.exists(passwd)) {
            for (String line : Files.readAllLines(passwd)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    hashes.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
        }
        List<String> users = new ArrayList<>();
        users.add(PANTAU);
        users.add(ALARMS);
        catalog.sources().values().forEach(s -> users.add(s.id()));
        Map<String, String> fresh = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        for (String user : users) {
            String hash = hashes.get(user);
            if (user.equals(PANTAU) && pantauPassword != null) {
                hash = hash(pantauPassword);
            } else if (hash == null || rotate.contains(user)) {
                String password = newPassword();
                fresh.put(user, password);
                hash = hash(password);
            }
            out.append(user).append(':').append(hash).append('\n');
        }
        Files.writeString(passwd, out);
        restrict(passwd);
        if (!fresh.isEmpty()) {
            // Appended, not replaced: a second rotation before the first list was handed out must not lose it.
            Path credentials = dir.resolve("credentials.csv");
            StringBuilder csv = new StringBuilder(Files.exists(credentials) ? "" : "user,password,created\n");
            String now = java.time.OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            fresh.forEach((u, p) -> csv.append(u).append(',').append(p).append(',').append(now).append('\n'));
            Files.writeString(credentials, csv, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            restrict(credentials);
        }
        return fresh;
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to restrict
        }
    }

    /** What the command was asked: {@code catalogFile} null for the built-in catalog. */
    record Options(String catalogFile, Path dir, Set<String> rotate) {
    }

    /**
     * The command line; the catalog defaults to the one Pantau runs with ({@code PANTAU_CATALOG}), since users
     * missing from the catalog are removed. Null for a command line it does not understand.
     */
    static Options options(String[] args, Map<String, String> env) {
        String catalogFile = env.get("PANTAU_CATALOG") == null || env.get("PANTAU_CATALOG").isBlank() ? null : env.get("PANTAU_CATALOG");
        Path dir = Path.of("mosquitto");
        Set<String> rotate = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--catalog" -> catalogFile = args[++i];
                case "--dir" -> dir = Path.of(args[++i]);
                case "--rotate" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        rotate.add(args[++i]);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return new Options(catalogFile, dir, rotate);
    }

    public static void main(String[] args) throws IOException {
        Options o = options(args, System.getenv());
        if (o == null) {
            System.err.println("usage: credentials [--catalog FILE] [--dir DIR] [--rotate ID ...]");
            System.exit(2);
        }
        Catalog catalog = o.catalogFile() == null ? CatalogProducer.builtIn() : CatalogProducer.fromFile(o.catalogFile());
        Map<String, String> fresh = write(catalog, o.dir(), System.getenv("PANTAU_MQTT_PASSWORD"), o.rotate());
        System.out.printf("%s: ACL for %d devices and %d feeds; %d new passwords in %s%n", o.dir(), catalog.devices().size(),
                catalog.feeds().size(), fresh.size(), fresh.isEmpty() ? "(none)" : o.dir().resolve("credentials.csv"));
    }
}
