package id.bontang.pantau.store;

import id.bontang.pantau.api.BadParameter;
import id.bontang.pantau.api.Kept;
import id.bontang.pantau.api.Problem;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.Durations;
import id.bontang.pantau.catalog.MetricSpec;
import id.bontang.pantau.catalog.Source;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** History of one metric of one device or feed, from the aggregate that suits the step. */
@jakarta.annotation.security.RolesAllowed(id.bontang.pantau.security.Role.ANALYST_NAME)
@Path("/api/v1/series")
@Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
public class SeriesResource {

    static final int MAX_POINTS = 10_000;
    static final Duration MAX_STEP = Duration.ofDays(366);
    /** Buckets start at WITA midnight (and so on every WITA hour and minute). */
    private static final String ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+08'";

    private final Store store;
    private final LiveCatalog catalog;

    public SeriesResource(Store store, LiveCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** Where a step's points come from: the coarsest aggregate whose buckets divide the step. */
    static String sourceFor(Duration step) {
        long s = step.toSeconds();
        return step.toMillis() % 1000 != 0 ? "reading" : s % 86_400 == 0 ? "reading_1d" : s % 3600 == 0 ? "reading_1h"
                : s % 60 == 0 ? "reading_1m" : "reading";
    }

    @GET
    @Operation(summary = "History of one metric of a device or feed",
            description = "Points of avg, min, max, count and sum (of the values in the step: a day's calls, a day's "
                    + "rain) per step; the answer's type says whether the metric is a state (read avg), a total or an "
                    + "increment (read sum). The step picks the source: a multiple of a day "
                    + "reads reading_1d (WITA days), of an hour reading_1h, of a minute reading_1m, anything finer the raw "
                    + "readings. Buckets are aligned to WITA midnight.")
    @APIResponse(responseCode = "200", description = "The points, oldest first; buckets without readings are absent")
    @APIResponse(responseCode = "400", description = "A parameter is missing or wrong; the problem body names it")
    @APIResponse(responseCode = "404", description = "No such device or feed, or no such metric of it")
    @APIResponse(responseCode = "503", description = "Persistence is off, or the database is unreachable (Retry-After)")
    @APIResponse(responseCode = "500", description = "The query failed; the log has the detail under the error id quoted")
    public Response series(
            @Parameter(description = "Device or feed id, e.g. aqms-loktuan", required = true) @QueryParam("device") String device,
            @Parameter(description = "Metric, e.g. pm25", required = true) @QueryParam("metric") String metric,
            @Parameter(description = "Start, ISO-8601 with offset or epoch ms (default: 24 h before to); not before what is kept",
                    schema = @Schema(type = SchemaType.STRING)) @QueryParam("from") @Kept({ "pantau.store.retention.raw",
                            "pantau.store.retention.minutely", "pantau.store.retention.hourly",
                            "pantau.store.retention.daily" }) Instant from,
            @Parameter(description = "End (exclusive), ISO-8601 with offset or epoch ms (default: now); at most a day ahead",
                    schema = @Schema(type = SchemaType.STRING)) @QueryParam("to") Instant to,
            @Parameter(description = "Bucket length: 30s, 5m, 1h, 1d or ISO-8601, 1 s to 366 d (default: about 300 points)")
            @QueryParam("step") String step) throws SQLException {
        if (device == null || metric == null) {
            throw new BadParameter(device == null ? "device" : "metric", "device and metric are required");
        }
        Source source = catalog.current().source(device).orElse(null);
        if (source == null) {
            throw new ProblemException(404, "unknown-device", "device", "'" + device + "' is not a device or feed of the catalog");
        }
        MetricSpec spec = source.metrics().get(metric);
        if (spec == null && !metric.equals(id.bontang.pantau.reading.Reading.ONLINE)) {
            throw new ProblemException(404, "unknown-metric", "metric", "'" + metric + "' is not a metric of " + device
                    + " (its metrics: " + source.metrics().keySet() + ")");
        }
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : from;
        if (!start.isBefore(end)) {
            throw new BadParameter("from", "from must be before to");
        }
        Duration bucket = step == null ? auto(Duration.between(start, end)) : step(step);
        if (Duration.between(start, end).dividedBy(bucket) > MAX_POINTS) {
            throw new BadParameter("step", "that is more than " + MAX_POINTS + " points; choose a larger step or a shorter range");
        }
        if (!store.enabled()) {
            throw ProblemException.unavailable("persistence-off", "persistence is off (no database configured), so there is no history",
                    null);
        }
        // A database error is the API's to classify (store/DatabaseProblems): a request never marks the database down.
        List<Map<String, Object>> points;
        try (Connection c = store.connection()) {
            points = query(c, catalog.current().zone(), device, metric, start, end, bucket);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device", device);
        body.put("metric", metric);
        body.put("unit", spec == null ? "bool" : spec.unit());
        body.put("type", spec == null ? "state" : spec.type().name().toLowerCase(java.util.Locale.ROOT));
        body.put("from", wita(start));
        body.put("to", wita(end));
        body.put("step", Durations.format(bucket));
        body.put("source", sourceFor(bucket));
        body.put("points", points);
        return Response.ok(body).build();
    }

    /** A step of 1 s to 366 days. */
    private static Duration step(String text) {
        Duration d;
        try {
            d = Durations.parse(text.trim());
        } catch (RuntimeException e) { // IllegalArgumentException, or ArithmeticException for 99999999999999d
            throw new BadParameter("step", "step is a duration of 1 s to 366 d such as 60s, 15m, 1h, 1d or PT15M; '"
                    + text + "' is not");
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(MAX_STEP) > 0) {
            throw new BadParameter("step", "step is 1 s to 366 d; '" + text + "' is not");
        }
        return d;
    }

    static List<Map<String, Object>> query(Connection c, java.time.ZoneId zone, String device, String metric, Instant start,
            Instant end, Duration step) throws SQLException {
        String table = sourceFor(step);
        String sql = table.equals("reading")
                ? "SELECT date_bin(?::interval, time, " + ORIGIN + ") AS t, avg(value), min(value), max(value), count(*), "
                        + "sum(value) "
                        + "FROM reading WHERE device_id = ? AND metric = ? "
                        + "AND time >= date_bin(?::interval, ?::timestamptz, " + ORIGIN + ") AND time < ? GROUP BY 1 ORDER BY 1"
                : "SELECT date_bin(?::interval, bucket, " + ORIGIN + ") AS t, sum(sum) / sum(count), min(min), "
                        + "max(max), sum(count), sum(sum) FROM " + table + " WHERE device_id = ? AND metric = ? "
                        + "AND bucket >= date_bin(?::interval, ?::timestamptz, " + ORIGIN + ") AND bucket < ? GROUP BY 1 ORDER BY 1";
        List<Map<String, Object>> points = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            String interval = step.toString();
            p.setString(1, interval);
            p.setString(2, device);
            p.setString(3, metric);
            p.setString(4, interval);
            p.setObject(5, OffsetDateTime.ofInstant(start, java.time.ZoneOffset.UTC));
            p.setObject(6, OffsetDateTime.ofInstant(end, java.time.ZoneOffset.UTC));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("time", OffsetDateTime.ofInstant(r.getObject(1, OffsetDateTime.class).toInstant(), zone).toString());
                    point.put("avg", r.getDouble(2));
                    point.put("min", r.getDouble(3));
                    point.put("max", r.getDouble(4));
                    point.put("count", r.getLong(5));
                    point.put("sum", r.getDouble(6));
                    points.add(point);
                }
            }
        }
        return points;
    }

    private String wita(Instant t) {
        return OffsetDateTime.ofInstant(t, catalog.current().zone()).toString();
    }

    /** About 300 points, rounded to a step that reads well. */
    static Duration auto(Duration range) {
        long target = Math.max(1, range.toSeconds() / 300);
        for (long s : new long[] {10, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 86_400, 7 * 86_400}) {
            if (s >= target) {
                return Duration.ofSeconds(s);
            }
        }
        return Duration.ofDays(30);
    }

}
