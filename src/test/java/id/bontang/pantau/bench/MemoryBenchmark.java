package id.bontang.pantau.bench;

import id.bontang.pantau.support.BulkPublisher;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Memory under a sustained load: the packaged server (persistence on, -Xmx512m) takes R QoS 1 messages a second
 * for D seconds through a Mosquitto running mosquitto/mosquitto.conf: traffic counters with two values each and
 * their own timestamps (states and totals read by 15-minute windows, which the engine remembers to recognise
 * a repeat), and one message in a hundred an agency call without ts (an increment paired across the two
 * subscriptions). At chosen minutes it runs a full GC in the server (jcmd) and prints the heap in use after
 * it, with the sizes of the engine's memories; then rows stored and the server's CPU.
 *
 * <pre>mvn -q package -DskipTests &amp;&amp; mvn -q exec:java@bench-memory -Dbench.rate=4000 -Dbench.seconds=600</pre>
 */
public final class MemoryBenchmark {

    private static final String[] ROADS = {"ahmad-yani", "mt-haryono", "soekarno-hatta", "bhayangkara"};

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 4_000);
        int seconds = Integer.getInteger("bench.seconds", 600);
        List<Integer> marks = new ArrayList<>();
        for (String m : System.getProperty("bench.marks", "60,300,600").split(",")) {
            marks.add(Integer.parseInt(m.trim()));
        }
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            PantauProcess pantau = new PantauProcess(PantauProcess.storing(broker, db, "bench")).start();
            try {
                ServerStats stats = new ServerStats(pantau.pid(), pantau.adminSession());
                double cpu0 = stats.cpuSeconds();
                long wall0 = System.currentTimeMillis();
                long t0 = System.nanoTime();
                long total = (long) rate * seconds;
                int publishers = 4;
                Thread[] threads = new Thread[publishers];
                for (int p = 0; p < publishers; p++) {
                    int first = p;
                    threads[p] = new Thread(() -> publish(broker.url(), first, publishers, total, rate, wall0, t0));
                    threads[p].start();
                }
                System.out.printf(Locale.ROOT, "%nMemory benchmark: %d msg/s (2 values; 1 %% ts-less calls) for %d s, "
                        + "server -Xmx512m, persistence on%n", rate, seconds);
                System.out.printf(Locale.ROOT, "  %6s  %14s  %12s  %14s  %12s  %10s%n", "minute", "heap after GC", "rows stored",
                        "tiles memory", "overlap", "forgotten");
                for (int mark : marks) {
                    long due = t0 + TimeUnit.SECONDS.toNanos(mark);
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(Math.min(due - System.nanoTime(), 500_000_000L)); // until the mark
                    }
                    gc(pantau.pid());
                    System.out.printf(Locale.ROOT, "  %6.1f  %11.1f MB  %12d  %14.0f  %12.0f  %10.0f%n", mark / 60.0,
                            stats.heapMb(),
                            db.number("SELECT count(*) FROM reading"), stats.metric("pantau_tiles_memory"),
                            stats.metric("pantau_ingest_overlap"), stats.metric("pantau_tiles_memory_forgotten_total"));
                }
                for (Thread t : threads) {
                    t.join();
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double cpu = stats.cpuSeconds() - cpu0;
                System.out.printf(Locale.ROOT, "  offered %.0f msg/s; server CPU %.0f %% of one core; overlap paired %.0f, "
                        + "forgotten %.0f; relay pending %.0f%n", total / elapsed, 100 * cpu / elapsed,
                        stats.metric("pantau_ingest_overlap_paired_total"), stats.metric("pantau_ingest_overlap_forgotten_total"),
                        stats.metric("pantau_relay_pending"));
            } finally {
                pantau.stop();
            }
        }
    }

    /** Road i % 4, its own time in real time (one message a millisecond per road at 4,000 a second). */
    private static void publish(String url, int first, int step, long messages, int rate, long wall0, long t0) {
        try (BulkPublisher sensors = new BulkPublisher(url)) {
            for (long i = first; i < messages; i += step) {
                long wait = t0 + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the publisher at the requested rate
                }
                if (i % 100 == 0) {
                    sensors.publish("pantau/v1/feeds/call112", "{\"values\":{\"calls\":1}}");
                    continue;
                }
                long ts = wall0 + (i / 4) * 4000 / rate; // distinct per road: 1 ms apart at 4,000 msg/s
                sensors.publish("pantau/v1/devices/trf-" + ROADS[(int) (i % 4)] + "/telemetry", "{\"ts\":" + ts
                        + ",\"values\":{\"vehicles\":" + i % 50 + ",\"speed_kmh\":" + (20 + i % 40) + "}}");
            }
        }
    }

    private static void gc(long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(60, TimeUnit.SECONDS);
    }
}
