package id.bontang.pantau.alarm;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.catalog.AlarmRule.Level;
import java.util.List;

/**
 * The condition of one rule on one subject, with the rule's deadband, on-delay and off-delay applied: what
 * severity an alarm should have now (0: none). Fed observations in time order; pure and single-threaded.
 *
 * <p>Deadband: a level is reached at its threshold and left only once the figure is {@code deadband} back past
 * it, so that a tide hovering at 240 cm stays one Siaga alarm. On-delay: a condition must hold that long before
 * the alarm is raised (or re-activated). Off-delay: it must be gone that long before the alarm clears. A higher
 * severity while active applies at once; so does a lower one, past the deadband.
 */
final class Watch {

    final AlarmRule rule;
    final AlarmRule.Subject subject;
    /** The severity the alarm should have (0: the condition does not hold). */
    private int effective;
    /** The severity of the raw condition (deadband applied, delays not). */
    private int level;
    private long pendingSince = -1;
    private long clearingSince = -1;
    private Double value;
    /** The severity this instance last acted on (raised, changed, cleared) or found the alarm at. */
    private int acted;
    /** Whether the last observation was a figure or a state (not unknown): only then do delays run on a tick. */
    private boolean known;
    /** Since when this watch has seen the condition gone while an alarm another instance made still stands. */
    private long disagreeSince = -1;

    Watch(AlarmRule rule, AlarmRule.Subject subject) {
        this.rule = rule;
        this.subject = subject;
    }

    /**
     * Starts from an alarm that is active already (after a restart): as if this watch had raised it. The condition
     * is not known until the next figure, so the off-delay waits for one.
     */
    void resume(int severity) {
        effective = severity;
        acted = severity;
        known = false;
        pendingSince = -1;
        clearingSince = -1;
    }

    int acted() {
        return acted;
    }

    /** This instance did what the watch said (or found it done). */
    void acted(int severity) {
        acted = severity;
        disagreeSince = -1;
    }

    boolean known() {
        return known;
    }

    /**
     * Whether the condition has been gone for {@code settle} while an alarm stands that this watch did not raise
     * (its instance gone, or its view of the city was another): then this instance clears it.
     */
    boolean disagreedFor(long settle, long now) {
        if (disagreeSince < 0) {
            disagreeSince = now;
        }
        return now - disagreeSince >= settle;
    }

    void agreed() {
        disagreeSince = -1;
    }

    /** Whether the watch holds a condition, or is timing one (an on-delay running). */
    boolean tracking() {
        return effective > 0 || pendingSince >= 0;
    }

    int effective() {
        return effective;
    }

    Double value() {
        return value;
    }

    /** The current level's label, for messages. */
    Level levelOf(int severity) {
        return subject.levels().stream().filter(l -> l.severity() == severity).findFirst().orElse(null);
    }

    /** A figure for a threshold rule; null when unknown (no data, stale): nothing changes on an unknown. */
    void figure(Double v, long now) {
        if (v == null || v.isNaN()) {
            unknown();
            return;
        }
        value = v;
        observe(withDeadband(v), now);
    }

    /** A severity observed directly (status, silent and offline rules); null when unknown. */
    void severity(Integer s, Double v, long now) {
        if (s == null) {
            unknown();
            return;
        }
        value = v;
        observe(s, now);
    }

    /** Lets the delays run out without a new observation (none while the condition is unknown). */
    void tick(long now) {
        if (known) {
            observe(level, now);
        }
    }

    private void unknown() {
        known = false;
        pendingSince = -1;
        clearingSince = -1;
    }

    private int withDeadband(double v) {
        int raw = levelFor(v, 0);
        if (raw >= level) {
            return raw;
        }
        // Lower than the level held: keep it (or the highest one still within the deadband).
        return Math.max(raw, Math.min(level, levelFor(v, rule.deadband())));
    }

    /** The highest level reached by v, with the thresholds moved {@code slack} towards normal. */
    private int levelFor(double v, double slack) {
        List<Level> levels = subject.levels();
        int reached = 0;
        for (Level l : levels) {
            boolean in = rule.below() ? v <= l.at() + slack : v >= l.at() - slack;
            if (in) {
                reached = Math.max(reached, l.severity());
            }
        }
        return reached;
    }

    private void observe(int s, long now) {
        known = true;
        level = s;
        if (s > 0) {
            clearingSince = -1;
            if (effective > 0) {
                effective = s;
                return;
            }
            if (pendingSince < 0) {
                pendingSince = now;
            }
            if (now - pendingSince >= rule.onDelay().toMillis()) {
                effective = s;
                pendingSince = -1;
            }
            return;
        }
        pendingSince = -1;
        if (effective == 0) {
            return;
        }
        if (clearingSince < 0) {
            clearingSince = now;
        }
        if (now - clearingSince >= rule.offDelay().toMillis()) {
            effective = 0;
            clearingSince = -1;
        }
    }
}
