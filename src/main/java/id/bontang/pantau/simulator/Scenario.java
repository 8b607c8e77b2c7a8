package id.bontang.pantau.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scripted incident played over the simulator's normal values, so that the catalog's own alarm rules raise,
 * escalate and clear real alarms in dev mode. Each curve is a pure function of the scenario time since it began
 * (wall time × {@code pantau.simulator.scenario-speed}), so that it can be checked without a server. The timings
 * follow the built-in catalog's rules: flood-level (deadband 5 cm, offDelay 2m), ispu-unhealthy (onDelay 1m,
 * offDelay 5m, on the 24-hour mean) and feed-silent (rsud-queue's silentAfter 10m).
 */
enum Scenario {

    SPRING_TIDE("spring-tide", "tide-bontang-kuala", Duration.ofMinutes(30), Duration.ZERO,
            "Rob at Bontang Kuala: the tide gauge rises through Waspada (220 cm), Siaga (240) and Awas (260) in 13 min, "
                    + "holds 270 cm for 4 min, falls to 190 cm by minute 24; the alarm clears about 2 min later") {
        @Override
        Map<String, Double> apply(Map<String, Double> normal, long elapsed) {
            Map<String, Double> v = new LinkedHashMap<>(normal);
            double w = blend(elapsed, length.toMillis());
            v.computeIfPresent("level_cm", (m, n) -> (double) Math.round(n * (1 - w) + tide(elapsed) * w));
            return v;
        }
    },

    // ISPU is the 24-hour mean (docs/ispu.md): only a heavy episode moves it within the hour, and the alarm clears
    // once the episode has left the window, a day later. Hence the rest: the schedule plays it once a day at most.
    AIR_QUALITY("air-quality", "aqms-bontang-lestari", Duration.ofMinutes(66), Duration.ofHours(25),
            "Smoke from a land fire at Bontang Lestari: PM2.5 rises by 4,000 µg/m³ over 10 min, holds 46 min, recovers "
                    + "by minute 66; the 24-hour ISPU reaches Tidak Sehat after about 20 min and Sangat Tidak Sehat near "
                    + "the end, and clears when the episode leaves the 24-hour window (a day later)") {
        @Override
        Map<String, Double> apply(Map<String, Double> normal, long elapsed) {
            Map<String, Double> v = new LinkedHashMap<>(normal);
            double smoke = smoke(elapsed);
            v.computeIfPresent("pm25", (m, n) -> Math.round((n + smoke) * 10) / 10.0);
            v.computeIfPresent("pm10", (m, n) -> Math.round((n + 1.15 * smoke) * 10) / 10.0); // smoke is mostly fine
            return v;
        }
    },

    SILENT_FEED("silent-feed", "rsud-queue", Duration.ofMinutes(14), Duration.ZERO,
            "RSUD Taman Husada's queue application stops sending for 14 min (its silentAfter is 10 min), then resumes: "
                    + "the feed-silent alarm is raised after about 10 min and clears with the first record") {
        @Override
        Map<String, Double> apply(Map<String, Double> normal, long elapsed) {
            return sends(elapsed) ? normal : Map.of();
        }
    };

    static final long MIN = 60_000;
    /** The spring tide's curve: (minute, cm) knots, linear in between. */
    private static final double[][] TIDE = {{0, 205}, {13, 270}, {17, 270}, {24, 190}, {30, 190}};
    static final double SMOKE_PEAK = 4000;
    private static final long SMOKE_RISE = 10 * MIN;
    private static final long SMOKE_FALL_FROM = 56 * MIN;
    static final long SILENCE = 14 * MIN;
    /** How long a scenario fades in from the normal values and back to them, so the gauge does not jump. */
    static final long BLEND = 2 * MIN;

    final String id;
    /** The source it plays over. */
    final String source;
    /** Its length in scenario time. */
    final Duration length;
    /** The least time between two scheduled plays (its alarm outlasts it); 0: none. */
    final Duration rest;
    final String description;

    Scenario(String id, String source, Duration length, Duration rest, String description) {
        this.id = id;
        this.source = source;
        this.length = length;
        this.rest = rest;
        this.description = description;
    }

    /** What the source sends {@code elapsed} ms (scenario time) into the scenario, given its normal values; empty: nothing. */
    abstract Map<String, Double> apply(Map<String, Double> normal, long elapsed);

    /** The scenario named {@code id}, or null. */
    static Scenario of(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** The spring tide's level (cm) at {@code elapsed}, before blending with the normal tide. */
    static double tide(long elapsed) {
        double m = elapsed / (double) MIN;
        for (int i = 1; i < TIDE.length; i++) {
            if (m <= TIDE[i][0]) {
                double f = Math.max(0, (m - TIDE[i - 1][0]) / (TIDE[i][0] - TIDE[i - 1][0]));
                return TIDE[i - 1][1] + f * (TIDE[i][1] - TIDE[i - 1][1]);
            }
        }
        return TIDE[TIDE.length - 1][1];
    }

    /** The smoke's PM2.5 (µg/m³) added at {@code elapsed}. */
    static double smoke(long elapsed) {
        if (elapsed < 0 || elapsed >= AIR_QUALITY.length.toMillis()) {
            return 0;
        }
        double rise = ease(elapsed / (double) SMOKE_RISE);
        double fall = 1 - ease((elapsed - SMOKE_FALL_FROM) / (double) (AIR_QUALITY.length.toMillis() - SMOKE_FALL_FROM));
        return SMOKE_PEAK * Math.min(rise, fall);
    }

    /** Whether the silent feed sends at {@code elapsed}. */
    static boolean sends(long elapsed) {
        return elapsed < 0 || elapsed >= SILENCE;
    }

    /** 0 → 1 over the first {@link #BLEND}, 1 → 0 over the last: the weight of the scenario against the normal values. */
    static double blend(long elapsed, long length) {
        return Math.min(ease(elapsed / (double) BLEND), ease((length - elapsed) / (double) BLEND));
    }

    private static double ease(double x) {
        double c = Math.max(0, Math.min(1, x));
        return c * c * (3 - 2 * c);
    }
}
