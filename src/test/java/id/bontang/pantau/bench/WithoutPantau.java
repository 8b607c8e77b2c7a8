package id.bontang.pantau.bench;

import id.bontang.pantau.broker.BufferedSockets;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

/**
 * The storage benchmark's runs without Pantau, each through a fresh Mosquitto with the repository's configuration:
 * the broker alone with one subscriber in this JVM, and a cold JVM that only subscribes and counts.
 */
final class WithoutPantau {

    /** Messages a second taken from the burst, and where the run's CPU went. */
    record Result(double rate, String cpu) {
    }

    private WithoutPantau() {
    }

    /** The broker alone: one QoS 1 subscriber with a persistent session in this JVM, acknowledging on arrival. */
    static Result brokerAlone(Burst burst, long base) throws Exception {
        try (Mosquitto broker = new Mosquitto().start()) {
            AtomicLong received = new AtomicLong();
            AtomicLong last = new AtomicLong();
            MqttAsyncClient sub = NullSubscriber.subscriber(broker.url(), Mosquitto.TESTER, Mosquitto.TESTER_PASSWORD,
                    "bench-alone", false, 1, () -> {
                        received.incrementAndGet();
                        last.set(System.nanoTime());
                    });
            CpuBudget cpu = new CpuBudget().party("publishers and subscriber", CpuBudget::self)
                    .party("broker", () -> CpuBudget.process(broker.pid())).begin();
            long t0 = System.nanoTime();
            burst.run(broker.url(), base, t0);
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (received.get() < burst.messages() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000); // until the subscriber has them all
            }
            String spent = cpu.line();
            sub.disconnect().waitForCompletion(5_000);
            sub.close();
            return new Result(received.get() / ((last.get() - t0) / 1e9), spent);
        }
    }

    /**
     * The same burst into a fresh JVM that only subscribes and counts ({@link NullSubscriber}): with {@code live}, as
     * Pantau subscribes in its simplest form (one persistent session where Pantau spreads its subscriptions over
     * several), the rate a JVM server subscribed so reaches from a cold start before doing any work; without, what the
     * broker's second delivery of every message (the live path's) costs.
     */
    static Result coldJvm(Burst burst, long base, boolean live) throws Exception {
        try (Mosquitto broker = new Mosquitto().start()) {
            String classpath = Stream.of(MqttAsyncClient.class, BufferedSockets.class, NullSubscriber.class)
                    .map(WithoutPantau::location).distinct().collect(Collectors.joining(File.pathSeparator));
            Process jvm = new ProcessBuilder(PantauProcess.JAVA, "-Xmx512m", "-cp", classpath, NullSubscriber.class.getName(), broker.url(),
                    Mosquitto.TESTER, Mosquitto.TESTER_PASSWORD, Integer.toString(burst.messages()), live ? "live" : "store-only")
                    .redirectErrorStream(true).start();
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong doneAt = new AtomicLong();
            Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(jvm.getInputStream())).lines().forEach(line -> {
                if (line.equals("ready")) {
                    ready.countDown();
                } else if (line.equals("done")) {
                    doneAt.set(System.nanoTime());
                    done.countDown();
                } else {
                    System.out.println("  (null subscriber) " + line);
                }
            }));
            reader.setDaemon(true);
            reader.start();
            try {
                awaitFrom(jvm, ready, 60, "subscribe");
                CpuBudget cpu = new CpuBudget().party("publishers", CpuBudget::self)
                        .party("broker", () -> CpuBudget.process(broker.pid()))
                        .party("subscriber JVM", () -> CpuBudget.process(jvm.pid())).begin();
                long t0 = System.nanoTime();
                burst.run(broker.url(), base, t0);
                awaitFrom(jvm, done, 300, "have the whole burst");
                return new Result(burst.messages() / ((doneAt.get() - t0) / 1e9), cpu.line());
            } finally {
                jvm.destroy();
                if (!jvm.waitFor(10, TimeUnit.SECONDS)) {
                    jvm.destroyForcibly();
                }
            }
        }
    }

    /** Waits for {@code latch} while {@code jvm} lives, at most {@code seconds}. */
    private static void awaitFrom(Process jvm, CountDownLatch latch, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!latch.await(200, TimeUnit.MILLISECONDS)) {
            if (!jvm.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the null subscriber did not " + what + (jvm.isAlive() ? " within " + seconds + " s"
                        : ": it exited with " + jvm.exitValue()));
            }
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
