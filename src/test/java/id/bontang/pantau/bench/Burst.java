package id.bontang.pantau.bench;

import id.bontang.pantau.support.BulkPublisher;
import java.util.concurrent.locks.LockSupport;

/**
 * The storage benchmark's load: {@code messages} QoS 1 messages of {@code values} (1 or 2) values from
 * {@code publishers} connections, at {@code rate} messages a second in all, on four traffic counters.
 */
record Burst(int messages, int rate, int values, int publishers) {

    /** Publishes it all to {@code url}, event times from {@code base}, due times from {@code t0}; returns when done. */
    void run(String url, long base, long t0) throws InterruptedException {
        run(url, base, t0, () -> { });
    }

    /** As {@link #run(String, long, long)}, running {@code meanwhile} about once a second until it is done. */
    void run(String url, long base, long t0, Runnable meanwhile) throws InterruptedException {
        Thread[] threads = new Thread[publishers];
        for (int p = 0; p < publishers; p++) {
            int first = p;
            threads[p] = new Thread(() -> publish(url, first, base, t0));
            threads[p].start();
        }
        for (Thread t : threads) {
            while (t.isAlive()) {
                meanwhile.run();
                t.join(1000);
            }
        }
    }

    /** Publisher {@code first}: messages first, first + publishers, …, each at its due time. */
    private void publish(String url, int first, long base, long t0) {
        String[] roads = {"ahmad-yani", "mt-haryono", "soekarno-hatta", "bhayangkara"};
        try (BulkPublisher sensors = new BulkPublisher(url)) {
            for (int i = first; i < messages; i += publishers) {
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
}
