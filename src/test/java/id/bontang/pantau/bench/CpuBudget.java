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
    /** The cores /proc/stat counts (its cpuN lines), whatever this JVM may use. */
    static final int CORES = cores();

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

    /** A process's seconds so far (NaN once it has exited: a run it did not finish has no figure). */
    static double process(long pid) {
        String[] f = stat(pid);
        return f == null ? Double.NaN : (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
    }

    /** The fields of /proc/pid/stat after the name (which may hold spaces and parentheses), or null once it has exited. */
    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }

    /** This JVM: the benchmark's publishers (and the broker-alone subscriber). */
    static double self() {
        return process(ProcessHandle.current().pid());
    }

    /**
     * The machine's PostgreSQL (nothing else uses it during a benchmark): every postgres process's own seconds, plus
     * those of its children that have exited (a connection closed during the run, the benchmark's own count(*)
     * polls, autovacuum workers), which the kernel adds to the parent's cutime and cstime when it reaps them.
     */
    static double postgres() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(CpuBudget::isPostgres).map(p -> stat(Long.parseLong(p.getFileName().toString())))
                    .filter(f -> f != null)
                    .mapToDouble(f -> (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS)
                    .sum();
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

    /** Busy seconds of all cores together: user, nice, system, irq and softirq (not idle, iowait, or steal). */
    private static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / TICKS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int cores() {
        try {
            return (int) Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
