package id.bontang.pantau.support;

import static org.awaitility.Awaitility.await;

import id.bontang.pantau.catalog.BrokerAccess;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.DynamicSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real {@code mosquitto} process started with the repository's {@code mosquitto/mosquitto.conf}, whose
 * dynamic-security plugin gets the file {@link BrokerAccess} makes from the built-in catalog; only the listener port
 * (a free one) and the paths (the plugin's on this machine, a temporary directory) change. Every login of the catalog
 * is there, bound to its client id, with the password {@link #passwordOf}; Pantau's with {@link #PANTAU_PASSWORD};
 * and a {@code tester}, not bound to a client id, who may publish and read anywhere (tests play every device).
 */
public final class Mosquitto implements AutoCloseable {

    public static final Path CONFIG = Path.of("mosquitto", "mosquitto.conf");
    /** Where Debian's package and the eclipse-mosquitto image put the plugin. */
    private static final List<String> PLUGINS = List.of("/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so",
            "/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so", "/usr/lib/mosquitto_dynamic_security.so");
    public static final String PANTAU_PASSWORD = "pantau-test";
    public static final String TESTER = "tester";
    /** The dynamic-security administrator's password on test brokers ({@link #dynsecConfig}). */
    public static final String DYNSEC_PASSWORD = "pantau-dynsec-test";
    public static final String TESTER_PASSWORD = "tester";

    private final Path dir;
    private final int port;
    private final List<String> overrides = new java.util.ArrayList<>();
    private final java.util.Map<String, String> users = new java.util.LinkedHashMap<>(java.util.Map.of(BrokerAccess.PANTAU, PANTAU_PASSWORD));
    private Path dynsecSource;
    private Process process;

    public Mosquitto() {
        this(freePort());
    }

    public Mosquitto(int port) {
        this.port = port;
        try {
            this.dir = Files.createTempDirectory("mosquitto-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings appended to the repository's configuration (the last occurrence wins). */
    public Mosquitto with(String... lines) {
        overrides.addAll(List.of(lines));
        return this;
    }

    /** Another password for a login of the catalog (instead of {@link #passwordOf}). */
    public Mosquitto user(String name, String password) {
        users.put(name, password);
        return this;
    }

    /** A device's or feed's password on test brokers (its login is bound to its id as client id). */
    public static String passwordOf(String id) {
        return "test-" + id;
    }

    /** Runs with this plugin file (as mosquitto/credentials writes it) instead of the catalog's with test passwords. */
    public Mosquitto dynsec(Path file) {
        this.dynsecSource = file;
        return this;
    }

    /** The dynamic-security plugin's file this broker runs with. */
    public Path dynsecFile() {
        return dir.resolve("dynamic-security.json");
    }

    public Mosquitto start() {
        try {
            writeDynsec();
            List<String> lines = Files.readAllLines(CONFIG).stream().map(this::adapt).collect(Collectors.toList());
            // Started as root, mosquitto would switch to its own user, which cannot read this private directory.
            lines.add("user " + System.getProperty("user.name"));
            lines.addAll(overrides);
            Path conf = dir.resolve("mosquitto.conf");
            Files.write(conf, lines);
            process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start mosquitto (is it installed?)", e);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::accepting);
        return this;
    }

    private String adapt(String line) {
        if (line.startsWith("listener ")) {
            return "listener " + port + " 127.0.0.1";
        }
        if (line.startsWith("persistence_location ")) {
            return "persistence_location " + dir + "/";
        }
        if (line.startsWith("plugin ")) {
            return "plugin " + PLUGINS.stream().filter(p -> Files.exists(Path.of(p))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("mosquitto_dynamic_security.so not found in " + PLUGINS));
        }
        if (line.startsWith("plugin_opt_config_file ")) {
            return "plugin_opt_config_file " + dynsecFile();
        }
        return line;
    }

    /** The catalog's logins and roles as shipped, with known passwords, and the tester. */
    private void writeDynsec() throws IOException {
        if (dynsecSource != null) {
            Files.copy(dynsecSource, dynsecFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        DynamicSecurity d = BrokerAccess.withAdministrator(BrokerAccess.identities(CatalogProducer.builtIn()));
        d.role(new DynamicSecurity.Role(TESTER, "Tests play every device", List.of(new DynamicSecurity.Acl("publishClientSend", "#"),
                new DynamicSecurity.Acl("publishClientReceive", "#"), new DynamicSecurity.Acl("publishClientReceive", "$SYS/#"),
                new DynamicSecurity.Acl("subscribePattern", "#"))));
        d.login(new DynamicSecurity.Login(TESTER, null, "Tests", List.of(TESTER)));
        java.util.Map<String, DynamicSecurity.Secret> secrets = new java.util.HashMap<>();
        for (DynamicSecurity.Login l : d.logins()) {
            String name = l.username();
            String password = users.getOrDefault(name, name.equals(TESTER) ? TESTER_PASSWORD
                    : name.equals(BrokerAccess.ADMIN) ? DYNSEC_PASSWORD : passwordOf(name));
            secrets.put(name, DynamicSecurity.Secret.of(password));
        }
        java.util.Set<String> unknown = new java.util.HashSet<>(users.keySet());
        d.logins().forEach(l -> unknown.remove(l.username()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not logins of the catalog: " + unknown);
        }
        Files.writeString(dynsecFile(), d.json(secrets));
        // As the credentials tool leaves it (Mosquitto warns about a file others may read).
        Files.setPosixFilePermissions(dynsecFile(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    private boolean accepting() {
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited: " + log());
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** What Pantau needs to use this broker, as configuration properties. */
    public java.util.Map<String, String> pantauConfig() {
        return java.util.Map.of("pantau.mqtt.url", url(), "pantau.mqtt.username", BrokerAccess.PANTAU,
                "pantau.mqtt.password", PANTAU_PASSWORD);
    }

    /** Lets Pantau make the devices' logins on this broker (as its dynamic-security administrator). */
    public static java.util.Map<String, String> dynsecConfig() {
        return java.util.Map.of("pantau.mqtt.dynsec-password", DYNSEC_PASSWORD);
    }

    /** Credentials for the simulator, which plays every device. */
    public static java.util.Map<String, String> simulatorConfig() {
        return java.util.Map.of("pantau.simulator.username", TESTER, "pantau.simulator.password", TESTER_PASSWORD);
    }

    /** The same, as the environment of a packaged server. */
    public java.util.Map<String, String> pantauEnv() {
        return java.util.Map.of("PANTAU_MQTT_URL", url(), "PANTAU_MQTT_USERNAME", BrokerAccess.PANTAU,
                "PANTAU_MQTT_PASSWORD", PANTAU_PASSWORD);
    }

    public int port() {
        return port;
    }

    /** The broker's process id, for a benchmark's CPU accounting. */
    public long pid() {
        return process.pid();
    }

    /** SIGTERM: Mosquitto saves its persistence file and exits; {@link #start()} brings it back on the same port. */
    public void stop() {
        if (process != null) {
            process.destroy();
            await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        }
    }

    /** SIGKILL: what it acknowledged since its last autosave is gone. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
