package id.bontang.pantau.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An alarm rule of the catalog, with its subjects expanded: what it watches, how bad each level is, and
 * how long a condition must hold (on-delay) or be gone (off-delay) before the alarm changes.
 *
 * <ul>
 * <li>{@code threshold}: a tile's figure against levels (a gauge's Waspada/Siaga/Awas, ISPU categories, a share
 * of cameras) with a deadband: a level is left only once the figure is {@code deadband} back past it.</li>
 * <li>{@code status}: a tile's status; {@code statusSeverity} maps warning and critical to severities.</li>
 * <li>{@code silent}: a device or feed that sent nothing for longer than its subject's {@code silentAfter}.</li>
 * <li>{@code offline}: a device whose last status was {@code offline}.</li>
 * <li>{@code walls}: wall pages that stopped showing current data ({@code frozen}); one alarm for them all.</li>
 * </ul>
 *
 * @param message bilingual template: {name}, {area}, {value}, {unit}, {level}, {tile}
 */
public record AlarmRule(String id, Kind kind, Title message, Duration onDelay, Duration offDelay, double deadband,
        boolean below, String field, Map<String, Integer> statusSeverity, int severity, List<Subject> subjects) {

    public enum Kind {
        THRESHOLD, STATUS, SILENT, OFFLINE, WALLS
    }

    /** 1 low … 4 critical (ISA-18.2 priorities). */
    public static final int LOW = 1;
    public static final int CRITICAL = 4;

    /**
     * One thing the rule watches.
     *
     * @param id          the tile id (threshold, status) or the source id (silent, offline)
     * @param source      the device or feed behind it, or null for a tile over several sources
     * @param area        kelurahan slug, or null
     * @param levels      threshold levels, lowest first (empty for other kinds)
     * @param silentAfter for silent rules: how long without a message is too long
     */
    public record Subject(String id, String tile, String source, String area, String name, List<Level> levels,
            Duration silentAfter) {
    }

    /** A threshold level: reached at {@code at} (or below it, for a rule with direction below). */
    public record Level(double at, int severity, Title label) {
    }
}
