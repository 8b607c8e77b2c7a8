package id.bontang.pantau.bench;

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

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("bench.messages", 20_000);
        int rate = Integer.getInteger("bench.rate", 2_000);
        int values = Math.min(2, Math.max(1, Integer.getInteger("bench.values", 2)));
        int publishers = Integer.getInteger("bench.publishers", 4);
        int warmup = Integer.getInteger("bench.warmup", 0);
        Burst burst = new Burst(messages, rate, values, publishers);
        WithoutPantau.Result alone = null;
        WithoutPantau.Result aloneCold = null;
        WithoutPantau.Result floor = null;
        WithoutPantau.Result floorStoreOnly = null;
        if (Boolean.getBoolean("bench.compare")) {
            // The publishers and the subscriber run in this JVM: one burst first warms their code, so that the figure
            // is the broker's and not this JVM's start (cold, it came out at half), and Pantau is the only cold part.
            aloneCold = WithoutPantau.brokerAlone(burst, Instant.now().minusSeconds(7200).toEpochMilli());
            alone = WithoutPantau.brokerAlone(burst, Instant.now().minusSeconds(3600).toEpochMilli());
            floor = WithoutPantau.coldJvm(burst, Instant.now().minusSeconds(5400).toEpochMilli(), true);
            floorStoreOnly = WithoutPantau.coldJvm(burst, Instant.now().minusSeconds(6300).toEpochMilli(), false);
        }
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            PantauProcess pantau = new PantauProcess(PantauProcess.env(PantauProcess.storing(broker, db, "bench"),
                    Map.of("PANTAU_MQTT_DURABLE_MODE", System.getProperty("bench.durable-mode", "partitioned")))).start();
            try {
                ServerStats stats = new ServerStats(pantau.pid(), pantau.adminSession());
                long before = 0;
                if (warmup > 0) { // a warm server: the same kind of burst first, stored before the measured one
                    new Burst(warmup, rate, values, publishers).run(broker.url(), Instant.now().minusSeconds(7200).toEpochMilli(),
                            System.nanoTime());
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
                // A scrape of /q/metrics costs both JVMs CPU: once a second, as in the loop below.
                burst.run(broker.url(), base, t0, stats::sampleHeap);
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
