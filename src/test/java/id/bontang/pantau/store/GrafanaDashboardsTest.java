package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import id.bontang.pantau.catalog.Dimension;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.indicator.Ispu;
import id.bontang.pantau.reading.Reading;
import id.bontang.pantau.support.Dashboards;
import id.bontang.pantau.support.Pglite;
import id.bontang.pantau.support.Postgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every SQL query of every Grafana dashboard, with its macros and variables expanded as Grafana does, run as
 * the read-only analyst role against the real schema — TimescaleDB (PGlite) and plain PostgreSQL — over two
 * days of readings from every source of the catalog: each answers rows with the columns its panel needs.
 */
class GrafanaDashboardsTest {

        static final Path DATASOURCES = Path.of("grafana", "provisioning", "datasources", "pantau.yaml");
    static final ObjectMapper JSON = new ObjectMapper();
    /** The dashboards' time range: the last 24 hours of the data, which starts 50 hours before its end. */
    static final Instant TO = Instant.parse("2026-11-21T16:17:00Z"); // 00:17 WITA: a daily panel still shows the day before
    static final Instant FROM = TO.minus(24, ChronoUnit.HOURS);
    static final int POINTS = 100; // every 30 minutes for 50 hours
    static final String INTERVAL = "5m";

    @Test
    void verifiesEveryDashboardQueryOnTimescaledb() throws Exception {
        try (Pglite pglite = new Pglite(); Connection c = pglite.connect()) {
            assertThat(Schema.detect(c, StoreConfig.Mode.AUTO)).isEqualTo(Mode.TIMESCALEDB);
            SchemaModesTest.migrate(c, Mode.TIMESCALEDB);
            prepare(c);
            assertThat(runAll(c, true)).isGreaterThan(30);
        }
    }

    @Test
    void verifiesEveryDashboardQueryOnPlainPostgresql() throws Exception {
        try (Postgres db = new Postgres(); Connection c = db.connect()) {
            SchemaModesTest.migrate(c, Mode.POSTGRESQL);
            prepare(c);
            assertThat(runAll(c, false)).isGreaterThan(30);
        }
    }

    @Test
    void verifiesThatTheDashboardsCoverEveryDimensionAndUseTheProvisionedSources() throws IOException {
        JsonNode provisioned = new YAMLMapper().readTree(DATASOURCES.toFile()).get("datasources");
        Map<String, String> sources = new LinkedHashMap<>();
        provisioned.forEach(ds -> sources.put(ds.get("uid").asText(), ds.get("type").asText()));
        assertThat(provisioned.findValuesAsText("user")).containsExactly("pantau_analyst");

        Set<String> uids = new HashSet<>();
        Set<String> tags = new TreeSet<>();
        for (Path file : Dashboards.files()) {
            JsonNode d = JSON.readTree(file.toFile());
            assertThat(uids.add(d.get("uid").asText())).as("unique uid in %s", file).isTrue();
            d.get("tags").forEach(t -> tags.add(t.asText()));
            for (JsonNode panel : d.get("panels")) {
                for (JsonNode target : panel.get("targets")) {
                    String uid = target.get("datasource").get("uid").asText();
                    assertThat(sources).as("%s: %s", file, panel.get("title").asText()).containsKey(uid);
                    assertThat(target.get("datasource").get("type").asText()).isEqualTo(sources.get(uid));
                }
            }
        }
        List<String> dimensions = Arrays.stream(Dimension.values()).map(Dimension::code).toList();
        assertThat(tags).as("a dashboard per dimension").containsAll(dimensions);
    }

    /** The catalog tables, every metric of every source every 30 minutes, camera statuses; then the analyst's role. */
    private static void prepare(Connection c) throws SQLException {
        Schema.writeCatalog(c, SchemaModesTest.CATALOG);
        List<Long> times = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Instant start = TO.minus(50, ChronoUnit.HOURS);
        for (Source s : SchemaModesTest.CATALOG.sources().values()) {
            for (String metric : s.metrics().keySet()) {
                for (int k = 0; k < POINTS; k++) {
                    times.add(start.plus(30L * k + 1, ChronoUnit.MINUTES).toEpochMilli());
                    devices.add(s.id());
                    metrics.add(metric);
                    values.add(value(s.id(), metric, k));
                }
            }
            if (s.kind().equals("cctv")) {
                // Every camera came online two days ago; every fifth went offline an hour ago.
                boolean off = Math.floorMod(s.id().hashCode(), 5) == 0;
                times.add(start.toEpochMilli());
                devices.add(s.id());
                metrics.add("online");
                values.add(1.0);
                times.add(TO.minus(1, ChronoUnit.HOURS).toEpochMilli());
                devices.add(s.id());
                metrics.add("online");
                values.add(off ? 0.0 : 1.0);
            }
        }
        c.setAutoCommit(false);
        List<Reading> readings = new ArrayList<>();
        for (int k = 0; k < times.size(); k++) {
            readings.add(new Reading(devices.get(k), metrics.get(k), Instant.ofEpochMilli(times.get(k)), values.get(k), ""));
        }
        BatchWriter.insertReadings(c, readings);
        c.commit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("SET ROLE pantau_analyst");
        }
    }

    /** A value within the metric's plausible range that varies over time and between sources. */
    static double value(String source, String metric, int k) {
        int phase = Math.floorMod(source.hashCode(), 17);
        return switch (metric) {
            case "pm25" -> 10 + (k + phase) % 40;
            case "pm10" -> 20 + (k * 3 + phase) % 90;
            case "co" -> 1000 + 37 * ((k + phase) % 50);
            case "level_cm" -> 80 + (k * 7 + phase) % 120;
            default -> 1 + (k + phase) % 10;
        };
    }

    /** Runs every query of every dashboard; answers how many ran. */
    private static int runAll(Connection c, boolean timescaledb) throws Exception {
        int ran = 0;
        for (Path file : Dashboards.files()) {
            JsonNode d = JSON.readTree(file.toFile());
            Map<String, List<String>> variables = new LinkedHashMap<>();
            Map<String, Boolean> multi = new LinkedHashMap<>();
            for (JsonNode v : d.path("templating").path("list")) {
                String name = v.get("name").asText();
                List<String> options = column(c, expand(v.get("query").asText(), Map.of(), timescaledb));
                assertThat(options).as("%s: variable %s has options", file, name).isNotEmpty();
                variables.put(name, options);
                multi.put(name, v.path("multi").asBoolean() || v.path("includeAll").asBoolean());
            }
            for (JsonNode panel : d.get("panels")) {
                String repeat = panel.path("repeat").asText("");
                for (JsonNode target : panel.get("targets")) {
                    if (!target.has("rawSql")) {
                        continue;
                    }
                    // A repeated panel gets one value of its variable at a time. The SQL data source quotes the values of a
                    // multi-value or "All" variable, also the single one a repeated panel gets; a single-value one goes in raw.
                    List<String> repeated = repeat.isEmpty() ? List.of("") : variables.get(repeat);
                    for (String one : repeated) {
                        Map<String, String> values = new LinkedHashMap<>();
                        variables.forEach((name, options) -> values.put(name, !multi.get(name) ? options.get(0)
                                : (name.equals(repeat) ? List.of(one) : options).stream().map(o -> "'" + o.replace("'", "''") + "'")
                                        .collect(Collectors.joining(","))));
                        String sql = expand(target.get("rawSql").asText(), values, timescaledb);
                        check(c, file + " › " + panel.get("title").asText() + (one.isEmpty() ? "" : " [" + one + "]"), panel, target, sql);
                        ran++;
                    }
                }
            }
        }
        ispuMatchesTheWall(c, timescaledb);
        return ran;
    }

    /** The "ISPU now" table of a station is the wall's ISPU over the same 24 hours, computed here from the inserted values. */
    private static void ispuMatchesTheWall(Connection c, boolean timescaledb) throws Exception {
        JsonNode d = JSON.readTree(Dashboards.DIR.resolve("environment.json").toFile());
        JsonNode table = null;
        for (JsonNode p : d.get("panels")) {
            if (p.get("title").asText().startsWith("ISPU sekarang")) {
                table = p;
            }
        }
        assertThat(table).isNotNull();
        String sql = expand(table.get("targets").get(0).get("rawSql").asText(), Map.of(), timescaledb);
        Map<String, String> byStation = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                byStation.put(r.getString("Stasiun"), r.getLong("ISPU") + " " + r.getString("Kategori") + " " + r.getString("Parameter kritis"));
            }
        }
        assertThat(byStation).hasSize(6);
        Instant start = TO.minus(50, ChronoUnit.HOURS);
        for (Source s : SchemaModesTest.CATALOG.sources().values()) {
            if (!s.kind().equals("aqms")) {
                continue;
            }
            double best = -1;
            String critical = null;
            for (String pollutant : Ispu.POLLUTANTS) {
                double sum = 0;
                int n = 0;
                for (int k = 0; k < POINTS; k++) {
                    Instant t = start.plus(30L * k + 1, ChronoUnit.MINUTES);
                    if (t.isAfter(TO.minus(24, ChronoUnit.HOURS)) && !t.isAfter(TO)) {
                        sum += value(s.id(), pollutant, k);
                        n++;
                    }
                }
                double sub = Ispu.subIndex(pollutant, sum / n).value();
                if (sub > best) {
                    best = sub;
                    critical = pollutant;
                }
            }
            long ispu = Ispu.round(best);
            assertThat(byStation.get(s.name())).as(s.name())
                    .isEqualTo(ispu + " " + Ispu.Category.of(ispu).id + " " + critical.toUpperCase());
        }
    }

    private static void check(Connection c, String where, JsonNode panel, JsonNode target, String sql) {
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        int rows = 0;
        boolean nonNullNumber = false;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData m = r.getMetaData();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                names.add(m.getColumnLabel(i));
                types.add(m.getColumnType(i));
            }
            while (r.next()) {
                rows++;
                for (int i = 1; i <= names.size(); i++) {
                    nonNullNumber |= numeric(types.get(i - 1)) && r.getObject(i) != null && !names.get(i - 1).equals("time");
                }
            }
        } catch (SQLException e) {
            fail("%s: %s%n%s", where, e.getMessage(), sql);
        }
        assertThat(new HashSet<>(names)).as("%s: column names are unique", where).hasSize(names.size());
        assertThat(rows).as("%s: answers rows%n%s", where, sql).isPositive();
        String type = panel.get("type").asText();
        if (!type.equals("table")) {
            assertThat(nonNullNumber).as("%s: has a number to show %s", where, names).isTrue();
        }
        if (target.get("format").asText().equals("time_series") || type.equals("timeseries")) {
            assertThat(target.get("format").asText()).as(where).isEqualTo("time_series");
            assertThat(names).as("%s: a time series starts with its time column", where).first().isEqualTo("time");
            assertThat(types.get(0)).as(where).isIn(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.NUMERIC, Types.DOUBLE);
        }
        for (JsonNode o : panel.path("fieldConfig").path("overrides")) {
            if (o.get("matcher").get("id").asText().equals("byName")) {
                assertThat(names).as("%s: the override's column", where).contains(o.get("matcher").get("options").asText());
            }
        }
    }

    private static boolean numeric(int type) {
        return Set.of(Types.NUMERIC, Types.DOUBLE, Types.BIGINT, Types.INTEGER, Types.REAL, Types.DECIMAL, Types.SMALLINT).contains(type);
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int col = 1;
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                if (r.getMetaData().getColumnLabel(i).equals("__value")) {
                    col = i;
                }
            }
            while (r.next()) {
                out.add(r.getString(col));
            }
        }
        return out;
    }

    private static final Pattern MACRO = Pattern.compile("\\$__(timeFilter|timeFrom|timeTo|timeGroupAlias|timeGroup)\\(([^)]*)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\[\\[(\\w+)]]|\\$(\\w+)");

    /**
     * Grafana's order: template variables first (and $__interval), then the SQL data source's macros. A third
     * argument of $__timeGroup (the fill for empty buckets) changes which rows Grafana adds, not the query.
     */
    static String expand(String sql, Map<String, String> variables, boolean timescaledb) {
        StringBuilder out = new StringBuilder();
        Matcher v = VARIABLE.matcher(sql);
        while (v.find()) {
            String name = v.group(1) != null ? v.group(1) : v.group(2) != null ? v.group(2) : v.group(3);
            String value;
            if (name.equals("__interval")) {
                value = INTERVAL;
            } else if (name.startsWith("__")) {
                value = v.group(); // a macro, expanded below
            } else if (variables.containsKey(name)) {
                value = variables.get(name);
            } else {
                throw new AssertionError("unknown variable $" + name + " in " + sql);
            }
            v.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        v.appendTail(out);
        String from = "'" + FROM + "'";
        String to = "'" + TO + "'";
        StringBuilder done = new StringBuilder();
        Matcher m = MACRO.matcher(out);
        while (m.find()) {
            List<String> args = Arrays.stream(m.group(2).split(",")).map(String::trim).toList();
            String value = switch (m.group(1)) {
                case "timeFilter" -> args.get(0) + " BETWEEN " + from + " AND " + to;
                case "timeFrom" -> from;
                case "timeTo" -> to;
                default -> {
                    long seconds = seconds(args.get(1).replace("'", ""));
                    String group = timescaledb ? "time_bucket('" + seconds + "s', " + args.get(0) + ")"
                            : "floor(extract(epoch from " + args.get(0) + ")/" + seconds + ")*" + seconds;
                    yield m.group(1).equals("timeGroupAlias") ? group + " AS \"time\"" : group;
                }
            };
            m.appendReplacement(done, Matcher.quoteReplacement(value));
        }
        m.appendTail(done);
        assertThat(done.toString()).as("every macro expanded").doesNotContain("$__");
        return done.toString();
    }

    private static long seconds(String interval) {
        Matcher m = Pattern.compile("(\\d+)([smhd])").matcher(interval);
        assertThat(m.matches()).as("interval %s", interval).isTrue();
        return Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
    }
}
