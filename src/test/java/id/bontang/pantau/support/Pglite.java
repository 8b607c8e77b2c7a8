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
        install();
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

    /**
     * {@code npm ci} in src/test/pglite, once, by the first test that needs it: the build itself (and the README's first
     * command, which compiles the tests in dev mode) needs no Node.js.
     */
    private static synchronized void install() {
        if (Files.isDirectory(DIR.resolve("node_modules"))) {
            return;
        }
        // The test JVMs run in parallel (surefire's forks): one installs, the others wait for it.
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(Path.of("target", "pglite-install.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE); var held = lock.lock()) {
            if (!Files.isDirectory(DIR.resolve("node_modules"))) {
                npmCi();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void npmCi() {
        try {
            Path out = Files.createTempFile("pglite-npm-", ".log");
            Process npm = new ProcessBuilder("npm", "ci", "--prefer-offline", "--no-progress", "--no-audit", "--no-fund")
                    .directory(DIR.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!npm.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("'npm ci' in " + DIR + " failed: " + Files.readString(out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The TimescaleDB tests need Node.js with npm (for PGlite in " + DIR + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
