package id.bontang.pantau.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * PostgreSQL 17 with TimescaleDB 2.23 in WebAssembly (src/test/pglite), served on a free port. One connection
 * at a time, simple query protocol only: enough to run Pantau's TimescaleDB SQL for real.
 */
public final class Pglite implements AutoCloseable {

    private static final Path DIR = Path.of("src", "test", "pglite");
    private final int port = Mosquitto.freePort();
    private final Process process;
    private final Path log;

    public Pglite() {
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            throw new IllegalStateException("Run 'npm ci' in " + DIR + " (mvn verify does it in generate-test-resources)");
        }
        try {
            log = Files.createTempFile("pglite-", ".log");
            process = new ProcessBuilder("node", "server.mjs", Integer.toString(port)).directory(DIR.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("PGlite ready").atMost(Duration.ofSeconds(60)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("PGlite exited: " + Files.readString(log));
            }
            return Files.readString(log).contains("ready:");
        });
    }

    /** With a read timeout, so that a PGlite that stops answering fails the test instead of holding the build. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?preferQueryMode=simple&sslmode=disable&socketTimeout=60";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "postgres");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
