package id.bontang.pantau.bench;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.SteadyPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fan-out of the packaged server: C wall clients, S of them never reading, the simulator playing the city at
 * ×R as background load, and a probe reading published every 200 ms. Prints the delay from publishing a probe
 * to its delta at the fast clients (p50, p99, max), what became of the slow clients, and the server's CPU
 * and heap. Probes start after {@code bench.warmup} seconds (15) of load.
 *
 * <pre>mvn -q package -DskipTests &amp;&amp; mvn -q exec:java@bench-wall -Dbench.clients=200 -Dbench.slow=20</pre>
 */
public final class WallBenchmark {

    private static final Pattern PROBE = Pattern.compile("\"id\":\"rsud\\.queue\",\"dimension\":\"\\w+\",\"title\":\\{[^}]*\\},\"value\":(\\d+)");

    /** A wall that reads everything and notes when each probe value arrived. */
    static final class Fast implements WebSocket.Listener {
        final Map<Integer, Long> arrived = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                Matcher m = PROBE.matcher(partial);
                if (m.find()) {
                    arrived.putIfAbsent(Integer.parseInt(m.group(1)), now);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    /** A wall that stops reading after its first frame: its socket fills and stays full. */
    static final class Slow implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1); // one frame, then nothing more
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            return new CompletableFuture<>(); // never completes: the client never takes the next frame
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 200);
        int slow = Integer.getInteger("bench.slow", 20);
        int seconds = Integer.getInteger("bench.seconds", 45);
        int rate = Integer.getInteger("bench.rate", 100);
        int warmup = Integer.getInteger("bench.warmup", 15); // seconds of load before the probes count (JIT, pools)
        // bench.steady=N: the background load is N QoS 1 messages a second from a gateway beside the server (the
        // traffic counters), instead of the server's own simulator: the server then does only its own job.
        int steady = Integer.getInteger("bench.steady", 0);
        try (Mosquitto broker = new Mosquitto().start()) {
            PantauProcess pantau = new PantauProcess(PantauProcess.env(broker.pantauEnv(), Map.of("PANTAU_SIMULATOR_USERNAME",
                    Mosquitto.TESTER, "PANTAU_SIMULATOR_PASSWORD", Mosquitto.TESTER_PASSWORD), Map.of("PANTAU_SIMULATOR_ENABLED",
                    Boolean.toString(steady == 0), "PANTAU_SIMULATOR_BACKFILL", "PT0S", "PANTAU_SIMULATOR_RATE_FACTOR", Integer.toString(rate)))).start();
            try {
                ServerStats stats = new ServerStats(pantau.pid(), pantau.adminSession());
                HttpClient http = HttpClient.newHttpClient();
                URI uri = URI.create("ws://127.0.0.1:" + pantau.port() + "/ws/wall");
                List<Fast> fast = new ArrayList<>();
                List<Slow> stuck = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    WebSocket.Listener l = i < slow ? new Slow() : new Fast();
                    http.newWebSocketBuilder().buildAsync(uri, l).get(10, TimeUnit.SECONDS);
                    if (l instanceof Fast f) {
                        fast.add(f);
                    } else {
                        stuck.add((Slow) l);
                    }
                }
                SteadyPublisher gateway = steady == 0 ? null
                        : new SteadyPublisher(broker.url(), steady, System.currentTimeMillis() - 60_000);
                LockSupport.parkNanos(warmup * 1_000_000_000L);
                double cpu0 = stats.cpuSeconds();
                double received0 = stats.metric("pantau_ingest_received_total{transport=\"mqtt\"}");
                long t0 = System.nanoTime();
                Map<Integer, Long> sent = new ConcurrentHashMap<>();
                AtomicInteger probes = new AtomicInteger();
                try (Publisher rsud = new Publisher(broker.url())) {
                    int value = 1000;
                    while (System.nanoTime() - t0 < seconds * 1e9) {
                        value++;
                        sent.put(value, System.nanoTime());
                        // A minute ahead, so that no simulated reading of the same feed supersedes the probe.
                        rsud.publish("pantau/v1/feeds/rsud-queue", ("{\"ts\":" + (System.currentTimeMillis() + 60_000)
                                + ",\"values\":{\"waiting\":" + value + "}}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
                        probes.incrementAndGet();
                        if (value % 25 == 0) {
                            stats.sampleHeap();
                        }
                        LockSupport.parkNanos(200_000_000L); // one probe every 200 ms
                    }
                }
                LockSupport.parkNanos(2_000_000_000L); // the last probes' deltas arrive
                if (gateway != null) {
                    gateway.close();
                }
                double cpu = stats.cpuSeconds() - cpu0;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double received = stats.metric("pantau_ingest_received_total{transport=\"mqtt\"}") - received0;
                List<Double> delays = new ArrayList<>();
                long missing = 0;
                for (Fast f : fast) {
                    for (Map.Entry<Integer, Long> s : sent.entrySet()) {
                        Long at = f.arrived.get(s.getKey());
                        if (at == null) {
                            missing++;
                        } else {
                            delays.add((at - s.getValue()) / 1e6);
                        }
                    }
                }
                Collections.sort(delays);
                double connected = stats.metric("pantau_wall_clients");
                stats.sampleHeap();
                System.out.printf(Locale.ROOT, "%nWall fan-out: %d clients (%d never reading), %s, %d s, %d probes%n",
                        clients, slow, steady == 0 ? "simulator x" + rate : "a gateway at " + steady + " msg/s", seconds,
                        probes.get());
                System.out.printf(Locale.ROOT, "  background load              %.0f MQTT messages/s received%n", received / elapsed);
                System.out.printf(Locale.ROOT, "  probe delay at fast clients  p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d samples, %d missed)%n",
                        pct(delays, 0.5), pct(delays, 0.99), delays.isEmpty() ? 0 : delays.get(delays.size() - 1), delays.size(), missing);
                System.out.printf(Locale.ROOT, "  clients the server dropped   %.0f of the %d that never read: %.0f behind for max-lag, "
                        + "%.0f answering no ping%n", clients - connected, slow,
                        stats.metric("pantau_wall_disconnected_total{reason=\"slow\"}"),
                        stats.metric("pantau_wall_disconnected_total{reason=\"unresponsive\"}"));
                System.out.printf(Locale.ROOT, "  tile updates coalesced       %.0f%n", stats.metric("pantau_wall_coalesced_total"));
                System.out.printf(Locale.ROOT, "  deltas pushed (tile changes) %.0f%n", stats.metric("pantau_tiles_updated_total"));
                System.out.printf(Locale.ROOT, "  server CPU                   %.1f s (%.0f %% of one core)%n", cpu, 100 * cpu / elapsed);
                System.out.printf(Locale.ROOT, "  server heap (max sampled)    %.0f MB%n", stats.maxHeapMb());
            } finally {
                pantau.stop();
            }
        }
        System.exit(0);
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
