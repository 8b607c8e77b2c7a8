package id.bontang.pantau.catalog;

import java.time.Duration;
import java.util.Map;

/**
 * Something that sends readings: a device (MQTT telemetry and status) or an agency feed.
 *
 * @param kind          the device kind, or {@code feed}
 * @param area          the kelurahan slug, or null for city-wide feeds
 * @param cadence       the expected interval between messages; freshness is measured in cadences
 * @param metrics       what the source may report, keyed by metric name
 * @param reportedUnits units the source reports in when they differ from the metric's (converted on arrival)
 * @param levels        warning levels of a water gauge, or null
 * @param silentAfter   how long a feed may stay quiet before its silence is an alarm, or null (the rule decides)
 * @param life          active, in maintenance or retired
 */
public record Source(String id, Type type, String kind, String area, String name, Duration cadence,
        Map<String, MetricSpec> metrics, Map<String, String> reportedUnits, Levels levels, Duration silentAfter,
        Life life) {

    public Source(String id, Type type, String kind, String area, String name, Duration cadence,
            Map<String, MetricSpec> metrics, Map<String, String> reportedUnits, Levels levels, Duration silentAfter) {
        this(id, type, kind, area, name, cadence, metrics, reportedUnits, levels, silentAfter, Life.ACTIVE);
    }

    public Source(String id, Type type, String kind, String area, String name, Duration cadence,
            Map<String, MetricSpec> metrics, Map<String, String> reportedUnits, Levels levels) {
        this(id, type, kind, area, name, cadence, metrics, reportedUnits, levels, null);
    }

    /**
     * A device's life as the catalog declares it (planned is not declared: a source never heard is planned).
     * In maintenance: its readings are taken and stored, its tiles shown, and no alarm watches it. Retired: its history
     * stays in the database, it has no tile and no alarm.
     */
    public enum Life {
        ACTIVE, MAINTENANCE, RETIRED
    }

    public enum Type {
        DEVICE, FEED
    }

    public boolean isFeed() {
        return type == Type.FEED;
    }

    /** The unit a bare number (native JSON) from this source is in. */
    public String reportedUnit(String metric) {
        return reportedUnits.getOrDefault(metric, metrics.get(metric).unit());
    }
}
