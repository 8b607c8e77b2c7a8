package id.bontang.pantau.support;

import static org.awaitility.Awaitility.await;

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
 * A real {@code mosquitto} process started with the repository's {@code mosquitto/mosquitto.conf}; only the
 * listener port (a free one) and the data and log paths (a temporary directory) are changed.
 */
public final class Mosquitto implements AutoCloseable {

    public static final Path CONFIG = Path.of("mosquitto", "mosquitto.conf");

    private final Path dir;
    private final int port;
    private final List<String> overrides = new java.util.ArrayList<>();
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

    public Mosquitto start() {
        try {
            List<String> lines = Files.readAllLines(CONFIG).stream().map(this::adapt).collect(Collectors.toList());
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

    public int port() {
        return port;
    }

    public void stop() {
        if (process != null) {
            process.destroy();
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
