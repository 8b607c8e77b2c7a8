package id.bontang.pantau.support;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The packaged server as a separate process, so that a test can kill it with SIGKILL and start it again. */
public final class PantauProcess implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "it-admin-password";
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The JDK that runs the tests runs the server too: .ci/run selects production's (Java 25). */
    public static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Map<String, String> env = new HashMap<>();
    private final int port;
    private final Path log;
    private Process process;
    private final List<String> jvm = new ArrayList<>();

    public PantauProcess(Map<String, String> env) {
        this(env, Mosquitto.freePort());
    }

    /** On a given HTTP port: a restarted server is found where the browser left it. */
    public PantauProcess(Map<String, String> env, int port) {
        this.port = port;
        this.env.putAll(env);
        this.env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            this.log = Files.createTempFile("pantau-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Environments merged, later ones winning. */
    @SafeVarargs
    public static Map<String, String> env(Map<String, String>... parts) {
        Map<String, String> all = new HashMap<>();
        for (Map<String, String> p : parts) {
            all.putAll(p);
        }
        return all;
    }

    /** A server on {@code broker} that stores in {@code db}, as instance {@code instance} of the durable sessions. */
    public static Map<String, String> storing(Mosquitto broker, Postgres db, String instance) {
        return env(broker.pantauEnv(), Map.of("PANTAU_MQTT_INSTANCE", instance, "QUARKUS_DATASOURCE_JDBC_URL", db.url(),
                "QUARKUS_DATASOURCE_USERNAME", Postgres.USER, "QUARKUS_DATASOURCE_PASSWORD", ""));
    }

    /** JVM options after the default ones (a later -Xmx wins): a test of what a small heap survives. */
    public PantauProcess jvm(String... options) {
        jvm.addAll(List.of(options));
        return this;
    }

    public PantauProcess start() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the tests with mvn verify (it packages first)");
        }
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx512m"));
        // The JVM flags of the shipped image (Dockerfile), or others to compare (-Dpantau.jvm-options=...).
        command.addAll(List.of(System.getProperty("pantau.jvm-options", "").trim().split("\\s+")).stream()
                .filter(o -> !o.isEmpty()).toList());
        command.addAll(jvm);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // An admin password (admin()) and the wall open, unless a test says otherwise.
        b.environment().putAll(Map.of("PANTAU_ADMIN_PASSWORD", ADMIN_PASSWORD, "PANTAU_WALL_ANONYMOUS", "true",
                // the tests' own bursts are not what the rate limits are about (SecurityTest checks them)
                "PANTAU_SECURITY_FEED_RATE_PER_KEY", "100000", "PANTAU_SECURITY_FEED_RATE_PER_ADDRESS", "100000",
                // the built-in catalog polls BMKG: tests serve their own pull feeds
                "PANTAU_CONNECTOR_PULL", "false"));
        b.environment().putAll(env);
        try {
            process = b.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("Pantau ready (log: " + log + ")").atMost(Duration.ofSeconds(60)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Pantau exited: " + Files.readString(log));
            }
            try {
                return http().get("/q/health/ready").statusCode() == 200;
            } catch (Exception e) { // not listening yet (RestAssured throws ConnectException unchecked)
                return false;
            }
        });
        return this;
    }

    /** Starts a server that is expected to stop by itself (a refused start); its exit code. */
    public int startAndAwaitExit(Duration within) {
        ProcessBuilder b = new ProcessBuilder(JAVA, "-Xmx512m", "-jar", JAR.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        b.environment().putAll(Map.of("PANTAU_ADMIN_PASSWORD", ADMIN_PASSWORD, "PANTAU_WALL_ANONYMOUS", "true"));
        b.environment().putAll(env);
        try {
            process = b.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("Pantau stopped by itself (log: " + log + ")").atMost(within).until(() -> !process.isAlive());
        return process.exitValue();
    }

    public RequestSpecification http() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port);
    }

    /** As {@code admin} (HTTP Basic): {@code /q/metrics}, series, dead letters. */
    public RequestSpecification admin() {
        return http().auth().preemptive().basic("admin", ADMIN_PASSWORD);
    }

    /**
     * As {@code admin} through one sign-in with the form, then its session cookie: for a benchmark that samples
     * {@code /q/metrics} during a run, where HTTP Basic would cost the server a bcrypt check at every sample.
     */
    public Supplier<RequestSpecification> adminSession() {
        String cookie = http().redirects().follow(false).formParam("j_username", "admin")
                .formParam("j_password", ADMIN_PASSWORD).post("/j_security_check").then().statusCode(302).extract()
                .headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(id.bontang.pantau.security.Sessions.COOKIE + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        return () -> http().header("Cookie", cookie);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }

    /** SIGTERM: a graceful stop. */
    public void stop() {
        stop(Duration.ofSeconds(30));
    }

    /** SIGTERM, and {@code within} to exit (a JVM that writes its AOT cache at exit needs longer). */
    public void stop(Duration within) {
        if (process != null && process.isAlive()) {
            process.destroy();
            await().atMost(within).until(() -> !process.isAlive());
        }
    }

    public File log() {
        return log.toFile();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
