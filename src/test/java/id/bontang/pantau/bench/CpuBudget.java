package id.bontang.pantau.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * Where a run's CPU went, read from /proc: each party's user plus system seconds and the machine's busy share. On a
 * machine whose cores are all busy during a burst, a rate follows the CPU the whole run needs, not only the server's;
 * these figures say how much each party took.
 */
final class CpuBudget {

    private static final double TICKS = 100; // USER_HZ on Linux
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private final Map<String, DoubleSupplier> parties = new LinkedHashMap<>();
    private final Map<String, Double> start = new LinkedHashMap<>();
    private double machineStart;
    private double wallStart;

    /** A party: a label and what reads its CPU seconds so far. */
    CpuBudget party(String label, DoubleSupplier seconds) {
        parties.put(label, seconds);
        return this;
    }

    CpuBudget begin() {
        parties.forEach((label, seconds) -> start.put(label, seconds.getAsDouble()));
        machineStart = machineBusySeconds();
        wallStart = System.nanoTime() / 1e9;
        return this;
    }

    /** Each party's seconds since {@link #begin()}. */
    private Map<String, Double> spent() {
        Map<String, Double> spent = new LinkedHashMap<>();
        parties.forEach((label, seconds) -> spent.put(label, seconds.getAsDouble() - start.get(label)));
        return spent;
    }

    /** One line: each party's seconds, and how busy the machine's cores were since {@link #begin()}. */
    String line() {
        double machine = machineBusySeconds() - machineStart;
        double wall = System.nanoTime() / 1e9 - wallStart;
        StringJoiner j = new StringJoiner(", ");
        spent().forEach((label, s) -> j.add(String.format(Locale.ROOT, "%s %.2f s", label, s)));
        return String.format(Locale.ROOT, "%s; machine %.0f %% of %d cores busy", j, 100 * machine / (wall * CORES), CORES);
    }

    /** A process's seconds so far (0 once it has exited). */
    static double process(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc", Long.toString(pid), "stat")).split("\\) ")[1].split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException e) {
            return 0;
        }
    }

    /** This JVM: the benchmark's publishers (and the broker-alone subscriber). */
    static double self() {
        return process(ProcessHandle.current().pid());
    }

    /**
     * Every PostgreSQL process: the server's connections stay open through a run, so the sum over the processes alive
     * at both reads is the database's share.
     */
    static double postgres() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(CpuBudget::isPostgres)
                    .mapToDouble(p -> process(Long.parseLong(p.getFileName().toString()))).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPostgres(Path proc) {
        try {
            return Files.readString(proc.resolve("comm")).trim().startsWith("postgres");
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    /** Busy seconds of all cores together: everything /proc/stat counts but idle and iowait. */
    private static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
