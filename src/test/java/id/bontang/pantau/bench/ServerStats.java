package id.bontang.pantau.bench;

import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a benchmark reads off the server process: CPU time from /proc, heap and meters from /q/metrics. */
final class ServerStats {

    private final long pid;
    private final Supplier<RequestSpecification> http;
    private double maxHeapMb;

    ServerStats(long pid, Supplier<RequestSpecification> http) {
        this.pid = pid;
        this.http = http;
    }

    /** User plus system CPU seconds the server has used so far. */
    double cpuSeconds() {
        return CpuBudget.process(pid);
    }

    /** Samples the heap in use; call it during the run, the maximum is kept. */
    void sampleHeap() {
        maxHeapMb = Math.max(maxHeapMb, heapMb());
    }

    /** The heap in use now, all its pools. */
    double heapMb() {
        return sum("jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)") / 1e6;
    }

    double maxHeapMb() {
        return maxHeapMb;
    }

    /** The first sample of a metric line, e.g. {@code pantau_store_commit_seconds{quantile="0.99"}}. */
    double metric(String nameAndTags) {
        return sum(Pattern.quote(nameAndTags) + " ([0-9.E+-]+)");
    }

    private double sum(String regex) {
        String body = http.get().get("/q/metrics").asString();
        Matcher m = Pattern.compile(regex).matcher(body);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
