package id.bontang.pantau.connector;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.catalog.ConnectorSpec;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.ingest.PayloadDecoder;
import id.bontang.pantau.ingest.Rejected;
import id.bontang.pantau.ingest.Sample;
import id.bontang.pantau.ingest.Translation.Translated;
import id.bontang.pantau.ingest.Validator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What reading a ChirpStack uplink costs against Pantau's own JSON carrying the same values: decoding (JSON parsing
 * included) and the catalog's validation, the work both paths do per message, on one thread, warm. Prints messages a
 * second, CPU per 10,000 messages and per value, and the ratio.
 *
 * <pre>mvn -q test-compile &amp;&amp; mvn -q exec:java@bench-decode [-Dbench.messages=200000] [-Dbench.rounds=5]</pre>
 */
public final class DecodeBenchmark {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** One path: a message's bytes to validated readings; returns the values taken. */
    interface Path {
        int read(byte[] payload, Instant now) throws Rejected;
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("bench.messages", 200_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        Catalog catalog = CatalogProducer.builtIn();
        Source gauge = catalog.source("awlr-telihan").orElseThrow();
        ConnectorSpec chirpstack = catalog.connector("chirpstack-bontang").orElseThrow();
        Validator validator = new Validator(Duration.ofMinutes(5), Duration.ofDays(90));
        Instant base = Instant.now().minusSeconds(3600);
        // Compact, as ChirpStack writes it (the sample file is indented for people): 1,005 bytes
        String up = PayloadDecoder.mapper().readTree(ConnectorShapesTest.sample("chirpstack-up.json")).toString()
                .replace("2026-12-07T02:15:30.123456789Z", base.toString());
        byte[][] uplinks = new byte[1000][];
        byte[][] natives = new byte[1000][];
        for (int i = 0; i < uplinks.length; i++) {
            Instant t = base.plusMillis(i);
            uplinks[i] = up.replace(base.toString(), t.toString()).replace("\"fCnt\":10", "\"fCnt\":" + (10 + i))
                    .replace("\"level\":1.42", "\"level\":" + (1 + i / 1000.0)).getBytes(StandardCharsets.UTF_8);
            // The same four values in Pantau's own JSON: the level in cm, the best rssi and snr, the uplinks lost
            natives[i] = ("{\"ts\":\"" + t + "\",\"id\":\"3ac7e3c4-4401-4b8d-9386-a5c902f9202d\",\"values\":{\"level_cm\":"
                    + (100 + i / 10.0) + ",\"rssi\":-97,\"snr\":7.25,\"uplinks_lost\":0}}").getBytes(StandardCharsets.UTF_8);
        }
        // The uplinks come round again every 1,000: a fresh memory each round, so that each tells its gap (0)
        FrameCounters[] counters = {new FrameCounters(100_000)};
        Path ownPath = (payload, now) -> {
            int n = 0;
            for (Sample s : PayloadDecoder.decode(payload, now)) {
                validator.reading(gauge, s, now);
                n++;
            }
            return n;
        };
        Path lorawan = (payload, now) -> {
            if (payload == uplinks[0]) {
                counters[0] = new FrameCounters(100_000);
            }
            Translated t = ChirpStack.translate(chirpstack, catalog, "application/a/device/70b3d57ed0051a01/event/up", payload,
                    now, counters[0]);
            int n = 0;
            for (Sample s : t.samples().get(gauge.id())) {
                validator.reading(gauge, s, now);
                n++;
            }
            return n;
        };
        System.out.printf(Locale.ROOT, "Decoding and validation, one thread, %d messages a round, best of %d rounds each, the two "
                + "paths in turn (warm)%n", messages, rounds);
        Round own = new Round("Pantau's JSON", ownPath, natives);
        Round uplink = new Round("ChirpStack uplink", lorawan, uplinks);
        Instant now = Instant.now();
        for (Round r : new Round[] {own, uplink}) { // warm-up: the same work, not measured
            for (int i = 0; i < messages; i++) {
                r.path.read(r.payloads[i % r.payloads.length], now);
            }
        }
        for (int r = 0; r < rounds; r++) { // in turn, so that a drift of the machine touches both alike
            own.run(messages, now);
            uplink.run(messages, now);
        }
        own.print();
        uplink.print();
        System.out.printf(Locale.ROOT, "  ratio per message %.2f, per value %.2f (ChirpStack / Pantau's JSON, CPU)%n",
                uplink.bestCpu / own.bestCpu, uplink.perValue / own.perValue);
    }

    /** One path's rounds: the best of each figure. */
    private static final class Round {
        final String label;
        final Path path;
        final byte[][] payloads;
        double bestRate;
        double bestCpu = Double.MAX_VALUE;
        double perValue;
        double valuesEach;

        Round(String label, Path path, byte[][] payloads) {
            this.label = label;
            this.path = path;
            this.payloads = payloads;
        }

        void run(int messages, Instant now) throws Rejected {
            long values = 0;
            long cpu0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                values += path.read(payloads[i % payloads.length], now);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6;
            bestRate = Math.max(bestRate, messages / seconds);
            if (cpuMs / messages * 10_000 < bestCpu) {
                bestCpu = cpuMs / messages * 10_000;
                perValue = cpuMs * 1000 / values;
                valuesEach = (double) values / messages;
            }
        }

        void print() {
            System.out.printf(Locale.ROOT, "  %-18s %,9.0f msg/s   %6.1f ms CPU per 10,000 messages   %5.2f µs CPU per value "
                    + "(%.2f values, %d bytes a message)%n", label, bestRate, bestCpu, perValue, valuesEach, payloads[1].length);
        }
    }

    private DecodeBenchmark() {
    }
}
