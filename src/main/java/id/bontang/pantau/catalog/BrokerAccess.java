package id.bontang.pantau.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may sign in to Pantau's Mosquitto, with which client id, and publish or read where, from the catalog: the
 * configuration of Mosquitto's dynamic-security plugin ({@code dynsec/dynamic-security.json}). Each device and feed
 * has a login named after its id, bound to that id as client id (so that no login can take over another's session,
 * nor Pantau's, nor fire another's last will), allowed to publish under {@code pantau/v1/devices/<its id>/} or on
 * {@code pantau/v1/feeds/<its id>} only. Pantau's own login is the one that may use any client id (it needs many:
 * {@code pantau-store-<instance>-N}, {@code pantau-live-…}); the catalog refuses ids starting with {@code pantau}.
 * Existing passwords are kept (also those of a former password file); new logins, and those named with
 * {@code --rotate}, get a fresh random one, written once to {@code credentials.csv} for the people who install the
 * devices.
 *
 * <pre>mosquitto/credentials [--catalog FILE] [--dir DIR] [--rotate ID ...]</pre>
 */
public final class BrokerAccess {

    /** Systems that follow the alarms (sirens, the 112 dispatch, messaging gateways): they read the alarm topics only. */
    public static final String ALARMS = "pantau-alarms";
    /** Pantau's own login. */
    public static final String PANTAU = "pantau";
    /**
     * Managing logins at run time over {@code $CONTROL/dynamic-security/v1}: held by {@link #ADMIN} only, when there is
     * one (it can create logins, unbind client ids and read every password hash).
     */
    public static final String ADMIN_ROLE = "dynsec-admin";
    /** The login Pantau makes the devices' logins with ({@code PANTAU_MQTT_DYNSEC_PASSWORD}); any client id. */
    public static final String ADMIN = "pantau-dynsec";
    /** Where the plugin's file is, under the directory the command writes to (writable by the broker). */
    public static final Path FILE = Path.of("dynsec", "dynamic-security.json");

    private static final SecureRandom RANDOM = new SecureRandom();

    private BrokerAccess() {
    }

    /** The roles and logins for a catalog, without their passwords, with the one alarm follower login. */
    public static DynamicSecurity identities(Catalog catalog) {
        return identities(catalog, List.of());
    }

    /**
     * The roles and logins for a catalog, without their passwords. Each system that follows the alarms keeps a
     * persistent session under a client id of its own, so each needs a login of its own: {@code pantau-alarms}, and
     * {@code pantau-alarms-<name>} for each of {@code followers} ({@code PANTAU_ALARM_FOLLOWERS}).
     */
    public static DynamicSecurity identities(Catalog catalog, List<String> followers) {
        DynamicSecurity d = new DynamicSecurity();
        d.role(new DynamicSecurity.Role(PANTAU, "Pantau: reads every reading and the broker's counts of dropped and held"
                + " messages, relays agency records posted over HTTP to the other instances, publishes the alarms", concat(List.of(
                        acl("subscribePattern", "pantau/v1/#"),
                        acl("subscribePattern", "$share/+/pantau/v1/#"),
                        acl("publishClientReceive", "pantau/v1/#"),
                        acl("publishClientSend", "pantau/v1/feeds/#"),
                        acl("publishClientSend", "pantau/v1/alarms/#"),
                        acl("subscribeLiteral", "$SYS/broker/publish/messages/dropped"),
                        acl("publishClientReceive", "$SYS/broker/publish/messages/dropped"),
                        acl("subscribeLiteral", "$SYS/broker/store/messages/count"),
                        acl("publishClientReceive", "$SYS/broker/store/messages/count")), connectorReads())));
        d.role(new DynamicSecurity.Role(ALARMS, "Systems that follow the alarms (docs/alarms.md): read them, nothing else",
                List.of(acl("subscribePattern", "pantau/v1/alarms/#"), acl("publishClientReceive", "pantau/v1/alarms/#"))));
        d.role(new DynamicSecurity.Role(ADMIN_ROLE, "Managing logins over $CONTROL/dynamic-security/v1; held by "
                + ADMIN + " only (docs/security.md, broker logins)", List.of(
                        acl("publishClientSend", "$CONTROL/dynamic-security/#"),
                        acl("publishClientReceive", "$CONTROL/dynamic-security/#"),
                        acl("subscribePattern", "$CONTROL/dynamic-security/#"))));
        d.login(new DynamicSecurity.Login(PANTAU, null, "Pantau (any client id: pantau-store-<instance>-N, pantau-live-...)",
                List.of(PANTAU)));
        d.login(new DynamicSecurity.Login(ALARMS, ALARMS, "Alarm follower", List.of(ALARMS)));
        for (String follower : followers) {
            d.login(new DynamicSecurity.Login(ALARMS + "-" + follower, ALARMS + "-" + follower, "Alarm follower " + follower,
                    List.of(ALARMS)));
        }
        for (Source s : catalog.devices()) {
            if (s.life() == Source.Life.RETIRED) {
                continue; // no login: a retired device no longer connects (the tool removes logins the catalog lacks)
            }
            String role = "device-" + s.id();
            d.role(new DynamicSecurity.Role(role, "Device " + s.id() + ": its telemetry and status (also as last will)",
                    List.of(acl("publishClientSend", "pantau/v1/devices/" + s.id() + "/#"))));
            d.login(new DynamicSecurity.Login(s.id(), s.id(), s.name(), List.of(role)));
        }
        for (ConnectorSpec c : catalog.connectors()) {
            if (c.mqtt()) { // the network server's or vendor gateway's login: it publishes on its connector's topics only
                // Named after its topics too: a connector whose topics change gets a new role (edit/BrokerLogins)
                String role = "connector-" + c.id() + "-" + Integer.toHexString(String.join(" ", c.topics()).hashCode());
                List<DynamicSecurity.Acl> acls = new java.util.ArrayList<>(c.topics().stream().map(t -> acl("publishClientSend", t)).toList());
                if (c.type() == ConnectorSpec.Type.CHIRPSTACK) { // it subscribes its downlink commands at every connection
                    acls.add(acl("subscribePattern", "application/+/device/+/command/+"));
                }
                d.role(new DynamicSecurity.Role(role, "Connector " + c.id() + ": publishes on " + c.topics(), acls));
                d.login(new DynamicSecurity.Login(c.id(), c.id(), "Connector " + c.id() + " (" + c.type().name()
                        .toLowerCase(java.util.Locale.ROOT) + ")", List.of(role)));
            }
        }
        for (Source s : catalog.feeds()) {
            String role = "feed-" + s.id();
            d.role(new DynamicSecurity.Role(role, "Feed " + s.id() + ": its own feed topic",
                    List.of(acl("publishClientSend", "pantau/v1/feeds/" + s.id()))));
            d.login(new DynamicSecurity.Login(s.id(), s.id(), s.name(), List.of(role)));
        }
        return d;
    }

    /** With the administrator's login, through which Pantau makes each device's login ({@code edit/BrokerLogins}). */
    public static DynamicSecurity withAdministrator(DynamicSecurity d) {
        return d.login(new DynamicSecurity.Login(ADMIN, null, "Pantau making the devices' logins (any client id: one per "
                + "instance)", List.of(ADMIN_ROLE)));
    }

    /**
     * Pantau reads the topics of its MQTT connectors (ChirpStack's application/…, a vendor's own): any topic outside
     * {@code $…}, so that a connector added to the catalog is read at once, with no grant to wait for; and it relays on
     * {@code pantau/v1/connectors/#} what its connectors take over HTTP.
     */
    public static List<DynamicSecurity.Acl> connectorReads() {
        return List.of(acl("subscribePattern", "#"), acl("subscribePattern", "$share/+/#"), acl("publishClientReceive", "#"),
                acl("publishClientSend", "pantau/v1/connectors/#"));
    }

    private static List<DynamicSecurity.Acl> concat(List<DynamicSecurity.Acl> a, List<DynamicSecurity.Acl> b) {
        List<DynamicSecurity.Acl> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static DynamicSecurity.Acl acl(String type, String topic) {
        return new DynamicSecurity.Acl(type, topic);
    }

    public static String newPassword() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Writes {@code dynsec/dynamic-security.json} under {@code dir}: a login per device and feed plus Pantau's own and
     * the alarm followers'. Passwords are kept from the file there, or else from a former Mosquitto password file
     * {@code passwd}; logins no longer in the catalog are removed.
     *
     * @param pantauPassword Pantau's password, or null to keep the one in the file (or make one)
     * @param rotate         ids whose password is replaced
     * @return the new passwords, by login (also written to {@code credentials.csv})
     * @throws IllegalArgumentException when {@code rotate} names no login
     */
    public static Map<String, String> write(Catalog catalog, Path dir, String pantauPassword, Set<String> rotate) throws IOException {
        return write(catalog, List.of(), dir, pantauPassword, rotate);
    }

    /** The same, with logins for these alarm followers ({@link #identities(Catalog, List)}). */
    public static Map<String, String> write(Catalog catalog, List<String> followers, Path dir, String pantauPassword,
            Set<String> rotate) throws IOException {
        return write(catalog, followers, dir, pantauPassword, null, rotate);
    }

    /**
     * The same, with the administrator's login when {@code adminPassword} is given ({@code PANTAU_MQTT_DYNSEC_PASSWORD}):
     * then Pantau makes the devices' logins as the catalog changes, and the file holds the first ones.
     */
    public static Map<String, String> write(Catalog catalog, List<String> followers, Path dir, String pantauPassword,
            String adminPassword, Set<String> rotate) throws IOException {
        DynamicSecurity identities = identities(catalog, followers);
        if (adminPassword != null && !adminPassword.isBlank()) {
            withAdministrator(identities);
        }
        List<String> users = identities.logins().stream().map(DynamicSecurity.Login::username).toList();
        Set<String> unknown = new java.util.TreeSet<>(rotate);
        unknown.removeAll(users);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--rotate " + String.join(" ", unknown) + ": no such login (the logins are "
                    + PANTAU + ", " + ALARMS + ", those of PANTAU_ALARM_FOLLOWERS and the ids of the devices and feeds in "
                    + catalog.origin() + ")");
        }
        Path file = dir.resolve(FILE);
        Map<String, DynamicSecurity.Secret> kept = new LinkedHashMap<>(DynamicSecurity.passwordFile(dir.resolve("passwd")));
        kept.putAll(DynamicSecurity.secrets(file));
        Map<String, DynamicSecurity.Secret> secrets = new LinkedHashMap<>();
        Map<String, String> fresh = new LinkedHashMap<>();
        for (String user : users) {
            DynamicSecurity.Secret secret = kept.get(user);
            if (user.equals(PANTAU) && pantauPassword != null) {
                secret = secret != null && secret.matches(pantauPassword) ? secret : DynamicSecurity.Secret.of(pantauPassword);
            } else if (user.equals(ADMIN)) {
                secret = secret != null && secret.matches(adminPassword) ? secret : DynamicSecurity.Secret.of(adminPassword);
            } else if (secret == null || rotate.contains(user)) {
                String password = newPassword();
                fresh.put(user, password);
                secret = DynamicSecurity.Secret.of(password);
            }
            secrets.put(user, secret);
        }
        Files.createDirectories(file.getParent());
        restrict(file.getParent(), "rwx------");
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(next, identities.json(secrets));
        restrict(next, "rw-------");
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (!fresh.isEmpty()) {
            // Appended, not replaced: a second rotation before the first list was handed out must not lose it.
            Path credentials = dir.resolve("credentials.csv");
            StringBuilder csv = new StringBuilder(Files.exists(credentials) ? "" : "user,password,created\n");
            String now = java.time.OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            fresh.forEach((u, p) -> csv.append(u).append(',').append(p).append(',').append(now).append('\n'));
            Files.writeString(credentials, csv, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            restrict(credentials, "rw-------");
        }
        return fresh;
    }

    private static void restrict(Path file, String permissions) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to restrict
        }
    }

    /** What the command was asked: {@code catalogFile} null for the built-in catalog. */
    record Options(String catalogFile, Path dir, Set<String> rotate, List<String> followers) {
    }

    private static final java.util.regex.Pattern FOLLOWER = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    /**
     * The command line; the catalog defaults to the one Pantau runs with ({@code PANTAU_CATALOG}), since users
     * missing from the catalog are removed; the alarm followers are named in {@code PANTAU_ALARM_FOLLOWERS}
     * (comma-separated). Null for a command line it does not understand.
     *
     * @throws IllegalArgumentException for a follower name that cannot be a client id
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
        List<String> followers = new java.util.ArrayList<>();
        for (String name : env.getOrDefault("PANTAU_ALARM_FOLLOWERS", "").split(",")) {
            String n = name.trim();
            if (n.isEmpty() || followers.contains(n)) {
                continue;
            }
            if (!FOLLOWER.matcher(n).matches()) {
                throw new IllegalArgumentException("PANTAU_ALARM_FOLLOWERS: '" + n + "' must match " + FOLLOWER.pattern()
                        + " (its login and client id will be " + ALARMS + "-" + n + ")");
            }
            followers.add(n);
        }
        return new Options(catalogFile, dir, rotate, List.copyOf(followers));
    }

    public static void main(String[] args) throws IOException {
        Options o;
        Catalog catalog;
        Map<String, String> fresh;
        try {
            o = options(args, System.getenv());
            if (o == null) {
                System.err.println("usage: credentials [--catalog FILE] [--dir DIR] [--rotate ID ...]");
                System.exit(2);
                return;
            }
            catalog = o.catalogFile() == null ? CatalogProducer.builtIn() : CatalogProducer.fromFile(o.catalogFile());
            fresh = write(catalog, o.followers(), o.dir(), System.getenv("PANTAU_MQTT_PASSWORD"),
                    System.getenv("PANTAU_MQTT_DYNSEC_PASSWORD"), o.rotate());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("%s: logins for %d devices, %d feeds and %d alarm followers; %d new passwords in %s%n",
                o.dir().resolve(FILE), catalog.devices().size(), catalog.feeds().size(), 1 + o.followers().size(), fresh.size(),
                fresh.isEmpty() ? "(none)" : o.dir().resolve("credentials.csv"));
        if (Files.exists(o.dir().resolve("passwd"))) {
            System.out.printf("%s is no longer read by the broker: its passwords were carried over; delete it%n",
                    o.dir().resolve("passwd"));
        }
    }
}
