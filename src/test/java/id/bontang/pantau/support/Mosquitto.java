package id.bontang.pantau.support;

import static org.awaitility.Awaitility.await;

import id.bontang.pantau.catalog.BrokerAccess;
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
 * A real {@code mosquitto} process started with the repository's {@code mosquitto/mosquitto.conf} and
 * {@code mosquitto/acl}; only the listener port (a free one) and the paths (a temporary directory) change.
 * Its password file holds Pantau's user and a {@code tester}, whom the ACL copy lets publish anywhere (tests
 * play every device); more users can be added for tests of the ACL itself.
 */
public final class Mosquitto implements AutoCloseable {

    public static final Path CONFIG = Path.of("mosquitto", "mosquitto.conf");
    public static final Path ACL = Path.of("mosquitto", "acl");
    public static final String PANTAU_PASSWORD = "pantau-test";
    public static final String TESTER = "tester";
    public static final String TESTER_PASSWORD = "tester";

    private final Path dir;
    private final int port;
    private final List<String> overrides = new java.util.ArrayList<>();
    private final java.util.Map<String, String> users = new java.util.LinkedHashMap<>(
            java.util.Map.of(BrokerAccess.PANTAU, PANTAU_PASSWORD, TESTER, TESTER_PASSWORD));
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

    /** Another user in the password file (the ACL says what it may do). */
    public Mosquitto user(String name, String password) {
        users.put(name, password);
        return this;
    }

    public Mosquitto start() {
        try {
            Files.writeString(dir.resolve("acl"), Files.readString(ACL) + "\n# Tests play every device.\nuser " + TESTER
                    + "\ntopic readwrite #\ntopic read $SYS/#\n");
            StringBuilder passwd = new StringBuilder();
            users.forEach((u, p) -> passwd.append(u).append(':').append(BrokerAccess.hash(p)).append('\n'));
            Files.writeString(dir.resolve("passwd"), passwd);
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
        if (line.startsWith("password_file ")) {
            return "password_file " + dir.resolve("passwd");
        }
        if (line.startsWith("acl_file ")) {
            return "acl_file " + dir.resolve("acl");
        }
        return line;
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
