package id.bontang.pantau.bench;

import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Storage throughput of the packaged server: N QoS 1 messages (each with 1 or 2 values) published at R messages
 * a second through a Mosquitto running mosquitto/mosquitto.conf, stored in a fresh database on the machine's
 * PostgreSQL. Prints rows/s committed, the time until the last row is stored, and the server's CPU and heap.
 *
 * <pre>mvn -q package -DskipTests &amp;&amp; mvn -q exec:java@bench-storage -Dbench.messages=20000 -Dbench.rate=2000</pre>
 *
 * <p>With {@code -Dbench.compare=true} it first runs the broker alone with the same burst: a QoS 1 subscriber with a
 * persistent session, acknowledging on arrival, through a Mosquitto with the same configuration; then the same burst
 * into a freshly started server. It prints both rates (messages a second, from the first publish to the last
 * message received, or the last row stored) and their ratio. Between the two, the same burst goes into a fresh JVM that
 * only subscribes and counts ({@link NullSubscriber}), once as Pantau subscribes and once with the persistent session
 * alone: what a cold JVM costs before it does any work, and what the live path's second delivery costs. Each run
 * prints where the CPU went: on a machine whose cores are all busy, that decides the rate.
 */
public final class StorageBenchmark {

    /** Publisher {@code first} of {@code step}: messages first, first + step, …, each at its due time. */
    private static void publish(String url, int first, int step, int messages, int rate, int values, long base, long t0) {
        String[] roads = {"ahmad-yani", "mt-haryono", "soekarno-hatta", "bhayangkara"};
        try (BulkPublisher sensors = new BulkPublisher(url)) {
            for (int i = first; i < messages; i += step) {
                long wait = t0 + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the publisher at the requested rate
                }
                String v = values == 1 ? "\"vehicles\":" + i % 50 : "\"vehicles\":" + i % 50 + ",\"speed_kmh\":" + (20 + i % 40);
                sensors.publish("pantau/v1/devices/trf-" + roads[i % 4] + "/telemetry",
                        "{\"ts\":" + (base + i * 10L) + ",\"values\":{" + v + "}}");
            }
        }
    }

    /** A run without Pantau (the broker alone, or a cold JVM that only counts): messages a second, where the CPU went. */
    private record Alone(double rate, String cpu) {
    }

    private static Alone brokerAlone(int messages, int rate, int publishers, long base) throws Exception {
        try (Mosquitto broker = new Mosquitto().start()) {
            java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
            org.eclipse.paho.client.mqttv3.MqttAsyncClient sub = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(broker.url(),
                    "bench-alone", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            o.setUserName(Mosquitto.TESTER);
            o.setPassword(Mosquitto.TESTER_PASSWORD.toCharArray());
            o.setCleanSession(false);
            o.setMaxInflight(2000);
            o.setSocketFactory(id.bontang.pantau.broker.BufferedSockets.INSTANCE); // reading as Pantau's sessions do
            sub.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                public void connectionLost(Throwable cause) {
                }

                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                    received.incrementAndGet();
                    last.set(System.nanoTime());
                }

                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            sub.connect(o).waitForCompletion(10_000);
            sub.subscribe("pantau/v1/#", 1).waitForCompletion(10_000);
            CpuBudget cpu = new CpuBudget().party("publishers and subscriber", CpuBudget::self)
                    .party("broker", () -> CpuBudget.process(broker.pid())).begin();
            long t0 = System.nanoTime();
            burst(broker.url(), messages, rate, 2, base, t0, publishers);
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (received.get() < messages && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000); // until the subscriber has them all
            }
            String spent = cpu.line();
            sub.disconnect().waitForCompletion(5_000);
            sub.close();
            return new Alone(received.get() / ((last.get() - t0) / 1e9), spent);
        }
    }

    /**
     * The same burst into a fresh JVM that only subscribes and counts ({@link NullSubscriber}): with {@code live}, as
     * Pantau subscribes in its simplest form (one persistent session where Pantau spreads its subscriptions over
     * several), the rate a JVM server subscribed so reaches from a cold start before doing any work; without, what the
     * broker's second delivery of every message (the live path's) costs.
     */
    private static Alone coldJvm(int messages, int rate, int publishers, long base, boolean live) throws Exception {
        try (Mosquitto broker = new Mosquitto().start()) {
            String classpath = java.util.stream.Stream.of(org.eclipse.paho.client.mqttv3.MqttAsyncClient.class,
                            id.bontang.pantau.broker.BufferedSockets.class, NullSubscriber.class)
                    .map(StorageBenchmark::location).distinct()
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
            Process jvm = new ProcessBuilder("java", "-Xmx512m", "-cp", classpath, NullSubscriber.class.getName(), broker.url(),
                    Mosquitto.TESTER, Mosquitto.TESTER_PASSWORD, Integer.toString(messages), live ? "live" : "store-only")
                    .redirectErrorStream(true).start();
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicLong doneAt = new java.util.concurrent.atomic.AtomicLong();
            Thread reader = new Thread(() -> new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream()))
                    .lines().forEach(line -> {
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
                burst(broker.url(), messages, rate, 2, base, t0, publishers);
                awaitFrom(jvm, done, 300, "have the whole burst");
                return new Alone(messages / ((doneAt.get() - t0) / 1e9), cpu.line());
            } finally {
                jvm.destroy();
                if (!jvm.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    jvm.destroyForcibly();
                }
            }
        }
    }

    /** Waits for {@code latch} while {@code jvm} lives, at most {@code seconds}. */
    private static void awaitFrom(Process jvm, java.util.concurrent.CountDownLatch latch, int seconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!latch.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (!jvm.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the null subscriber did not " + what + (jvm.isAlive() ? " within " + seconds + " s"
                        : ": it exited with " + jvm.exitValue()));
            }
        }
    }

    private static String location(Class<?> c) {
        try {
            return java.nio.file.Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void burst(String url, int messages, int rate, int values, long base, long t0, int publishers)
            throws InterruptedException {
        Thread[] threads = new Thread[publishers];
        for (int p = 0; p < publishers; p++) {
            int first = p;
            threads[p] = new Thread(() -> publish(url, first, publishers, messages, rate, values, base, t0));
            threads[p].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("bench.messages", 20_000);
        int rate = Integer.getInteger("bench.rate", 2_000);
        int values = Math.min(2, Math.max(1, Integer.getInteger("bench.values", 2)));
        int publishers = Integer.getInteger("bench.publishers", 4);
        int warmup = Integer.getInteger("bench.warmup", 0);
        Alone alone = null;
        Alone aloneCold = null;
        Alone floor = null;
        Alone floorStoreOnly = null;
        if (Boolean.getBoolean("bench.compare")) {
            // The publishers and the subscriber run in this JVM: one burst first warms their code, so that the figure
            // is the broker's and not this JVM's start (cold, it came out at half), and Pantau is the only cold part.
            aloneCold = brokerAlone(messages, rate, publishers, Instant.now().minusSeconds(7200).toEpochMilli());
            alone = brokerAlone(messages, rate, publishers, Instant.now().minusSeconds(3600).toEpochMilli());
            floor = coldJvm(messages, rate, publishers, Instant.now().minusSeconds(5400).toEpochMilli(), true);
            floorStoreOnly = coldJvm(messages, rate, publishers, Instant.now().minusSeconds(6300).toEpochMilli(), false);
        }
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            PantauProcess pantau = new PantauProcess(PantauProcess.env(PantauProcess.storing(broker, db, "bench"),
                    Map.of("PANTAU_MQTT_DURABLE_MODE", System.getProperty("bench.durable-mode", "partitioned")))).start();
            try {
                ServerStats stats = new ServerStats(pantau.pid(), pantau.adminSession());
                long before = 0;
                if (warmup > 0) { // a warm server: the same kind of burst first, stored before the measured one
                    burst(broker.url(), warmup, rate, values, Instant.now().minusSeconds(7200).toEpochMilli(), System.nanoTime(),
                            publishers);
                    before = (long) warmup * values;
                    long deadline = System.nanoTime() + 300_000_000_000L;
                    while (db.number("SELECT count(*) FROM reading") < before && System.nanoTime() < deadline) {
                        LockSupport.parkNanos(100_000_000);
                    }
                }
                long expected = before + (long) messages * values;
                double cpu0 = stats.cpuSeconds();
                CpuBudget budget = new CpuBudget().party("publishers", CpuBudget::self)
                        .party("broker", () -> CpuBudget.process(broker.pid())).party("PostgreSQL", CpuBudget::postgres)
                        .party("Pantau", () -> CpuBudget.process(pantau.pid())).begin();
                long base = Instant.now().minusSeconds(3600).toEpochMilli();
                long t0 = System.nanoTime();
                Thread[] threads = new Thread[publishers];
                for (int p = 0; p < publishers; p++) {
                    int first = p;
                    threads[p] = new Thread(() -> publish(broker.url(), first, publishers, messages, rate, values, base, t0));
                    threads[p].start();
                }
                for (Thread t : threads) {
                    while (t.isAlive()) {
                        stats.sampleHeap();
                        t.join(1000); // a scrape of /q/metrics costs both JVMs CPU: not more often than the loop below
                    }
                }
                long published = System.nanoTime();
                long stored;
                long sampled = 0;
                do {
                    // Polled, not spun: a loop of count(*) and /q/metrics would take a core from the server under test.
                    if (System.nanoTime() - sampled > 1_000_000_000L) {
                        stats.sampleHeap();
                        sampled = System.nanoTime();
                    }
                    stored = db.number("SELECT count(*) FROM reading");
                    if (stored < expected) {
                        LockSupport.parkNanos(100_000_000); // count(*) costs the database a scan: 1 % of resolution on a burst of 10 s
                    }
                } while (stored < expected && System.nanoTime() - published < 300e9);
                long done = System.nanoTime();
                String spent = budget.line();
                double cpu = stats.cpuSeconds() - cpu0;
                double total = (done - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%nStorage benchmark: %d messages x %d values at %d msg/s (QoS 1, %d publishers)%n",
                        messages, values, rate, publishers);
                System.out.printf(Locale.ROOT, "  rows stored           %d of %d%n", stored, expected);
                System.out.printf(Locale.ROOT, "  publishing took       %.2f s (%.0f msg/s offered)%n", (published - t0) / 1e9,
                        messages / ((published - t0) / 1e9));
                System.out.printf(Locale.ROOT, "  last row stored after %.2f s (%.2f s after the last publish)%n", total,
                        (done - published) / 1e9);
                System.out.printf(Locale.ROOT, "  storage throughput    %.0f rows/s committed%n", (stored - before) / total);
                System.out.printf(Locale.ROOT, "  batch rows p50 / p99  %.0f / %.0f%n",
                        stats.metric("pantau_store_batch_rows{quantile=\"0.5\"}"), stats.metric("pantau_store_batch_rows{quantile=\"0.99\"}"));
                System.out.printf(Locale.ROOT, "  commit p50 / p99      %.1f / %.1f ms%n",
                        1000 * stats.metric("pantau_store_commit_seconds{quantile=\"0.5\"}"),
                        1000 * stats.metric("pantau_store_commit_seconds{quantile=\"0.99\"}"));
                System.out.printf(Locale.ROOT, "  server CPU            %.1f s (%.0f %% of one core over the run)%n", cpu, 100 * cpu / total);
                System.out.printf(Locale.ROOT, "  server heap (max)     %.0f MB%n", stats.maxHeapMb());
                System.out.printf(Locale.ROOT, "  CPU of the run        %s%n", spent);
                if (alone != null) {
                    double pantauRate = messages / total;
                    System.out.printf(Locale.ROOT, "  broker alone          %.0f msg/s (one QoS 1 subscriber, same configuration)%n", alone.rate());
                    System.out.printf(Locale.ROOT, "    its CPU             %s%n", alone.cpu());
                    System.out.printf(Locale.ROOT, "    (its first burst    %.0f msg/s, with this JVM's publishers still cold: not compared)%n",
                            aloneCold.rate());
                    System.out.printf(Locale.ROOT, "  a cold JVM, no work   %.0f msg/s (%.0f %% of the broker alone): subscribed as Pantau is, only counting%n",
                            floor.rate(), 100 * floor.rate() / alone.rate());
                    System.out.printf(Locale.ROOT, "    its CPU             %s%n", floor.cpu());
                    System.out.printf(Locale.ROOT, "    without the QoS 0   %.0f msg/s (%.0f %%): the persistent session alone%n",
                            floorStoreOnly.rate(), 100 * floorStoreOnly.rate() / alone.rate());
                    System.out.printf(Locale.ROOT, "    its CPU             %s%n", floorStoreOnly.cpu());
                    System.out.printf(Locale.ROOT, "  Pantau, %s    %.0f msg/s stored%n", warmup > 0 ? "warm      " : "cold start", pantauRate);
                    System.out.printf(Locale.ROOT, "  ratio                 %.0f %%%n", 100 * pantauRate / alone.rate());
                }
                if (stored != expected) {
                    System.exit(1);
                }
            } finally {
                pantau.stop();
            }
        }
    }
}
