package id.bontang.pantau.simulator;

import id.bontang.pantau.catalog.Source;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scenarios being played and their schedule. A scenario started at wall time S changes what its source sends at
 * message time t (S ≤ t < its end) to {@link Scenario#apply} at scenario time (t − S) × speed; the values go out on
 * the simulator's own path. In dev mode the configured scenarios take turns, one every {@code scenario-every}, the
 * first soon after start so that a first-time user sees an alarm; a turn is skipped while its scenario still plays or
 * rests.
 */
@Singleton
public class Scenarios {

    /** A play: when it started and ends (wall time). */
    public record Play(String scenario, Instant startedAt, Instant endsAt) {
    }

    /** A scenario as the admin API lists it; startedAt and endsAt of its last play, nextRun null when not scheduled. */
    public record Status(String name, String description, String source, boolean running, Instant startedAt,
            Instant endsAt, Instant nextRun) {
    }

    private final SimulatorConfig config;
    private final List<Scenario> rotation = new ArrayList<>();
    /** The last start of each scenario, wall ms. */
    private final Map<Scenario, Long> started = new EnumMap<>(Scenario.class);
    private volatile long firstTurn = -1;
    private final AtomicLong turns = new AtomicLong();

    Scenarios(SimulatorConfig config) {
        this.config = config;
        for (String name : config.scenarios()) {
            Scenario s = Scenario.of(name.strip());
            if (s != null) {
                rotation.add(s);
            } else if (!name.isBlank() && !name.strip().equals("none")) {
                Log.warnf("Simulator: no scenario '%s' (pantau.simulator.scenarios); known: %s", name, names());
            }
        }
    }

    static List<String> names() {
        return java.util.Arrays.stream(Scenario.values()).map(s -> s.id).toList();
    }

    /** Whether scenarios can be played: only over the simulator's values. */
    public boolean available() {
        return config.enabled();
    }

    /** Starts {@code s} now; null when it is playing already. */
    synchronized Play start(Scenario s) {
        long now = System.currentTimeMillis();
        if (running(s, now)) {
            return null;
        }
        started.put(s, now);
        Play p = play(s, now);
        Log.infof("Simulator: scenario %s on %s until %s", s.id, s.source, p.endsAt());
        return p;
    }

    public synchronized List<Status> list() {
        long now = System.currentTimeMillis();
        List<Status> all = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            Long at = started.get(s);
            Play p = at == null ? null : play(s, at);
            long next = nextTurn(s, now);
            all.add(new Status(s.id, s.description, s.source, running(s, now), p == null ? null : p.startedAt(),
                    p == null ? null : p.endsAt(), next < 0 ? null : Instant.ofEpochMilli(next)));
        }
        return all;
    }

    /** The values {@code s} sends for message time {@code t}: its normal ones unless a scenario plays over it. */
    Map<String, Double> apply(Source s, long t, Map<String, Double> normal) {
        Map<String, Double> v = normal;
        synchronized (this) {
            if (started.isEmpty()) {
                return v;
            }
            for (Map.Entry<Scenario, Long> e : started.entrySet()) {
                Scenario sc = e.getKey();
                long elapsed = (long) ((t - e.getValue()) * speed());
                if (sc.source.equals(s.id()) && elapsed >= 0 && elapsed < sc.length.toMillis()) {
                    v = sc.apply(v, elapsed);
                }
            }
        }
        return v;
    }

    /** Begins the turns (once the simulator plays live). */
    void schedule(ScheduledExecutorService timer) {
        if (rotation.isEmpty()) {
            return;
        }
        long first = config.scenarioFirst().toMillis();
        long every = Math.max(1000, config.scenarioEvery().toMillis());
        firstTurn = System.currentTimeMillis() + first;
        timer.scheduleAtFixedRate(this::turn, first, every, TimeUnit.MILLISECONDS);
        Log.infof("Simulator: scenarios %s in turn, every %s from %s", rotation.stream().map(s -> s.id).toList(),
                config.scenarioEvery(), Instant.ofEpochMilli(firstTurn));
    }

    private void turn() {
        long k = turns.getAndIncrement();
        Scenario s = rotation.get((int) (k % rotation.size()));
        synchronized (this) {
            if (free(s, System.currentTimeMillis())) {
                start(s);
            }
        }
    }

    /** The next turn that will play {@code s}, wall ms; -1 when it is not in the rotation or nothing is scheduled. */
    private long nextTurn(Scenario s, long now) {
        int n = rotation.size();
        int i = rotation.indexOf(s);
        if (i < 0 || firstTurn < 0) {
            return -1;
        }
        long every = Math.max(1000, config.scenarioEvery().toMillis());
        long k = turns.get();
        k += Math.floorMod(i - k, n); // its next turn in the rotation
        for (int tries = 0; tries < 10_000; tries++, k += n) {
            long at = firstTurn + k * every;
            if (at >= now && free(s, at)) {
                return at;
            }
        }
        return -1;
    }

    /** Whether a turn at {@code at} would play {@code s}: neither playing nor resting then. */
    private boolean free(Scenario s, long at) {
        Long last = started.get(s);
        return last == null || at >= last + Math.max(wall(s), s.rest.toMillis());
    }

    private boolean running(Scenario s, long now) {
        Long last = started.get(s);
        return last != null && now < last + wall(s);
    }

    /** A scenario's length in wall time. */
    private long wall(Scenario s) {
        return (long) Math.ceil(s.length.toMillis() / speed());
    }

    private double speed() {
        return Math.max(0.01, config.scenarioSpeed());
    }

    private Play play(Scenario s, long at) {
        return new Play(s.id, Instant.ofEpochMilli(at), Instant.ofEpochMilli(at + wall(s)));
    }
}
