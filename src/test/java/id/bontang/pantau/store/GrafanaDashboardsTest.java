package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every SQL query of every Grafana dashboard, with its macros and variables expanded as Grafana does, run as
 * the read-only analyst role against the real schema — TimescaleDB (PGlite) and plain PostgreSQL — over two
 * days of readings from every source of the catalog and a day of alarms: each answers rows with the columns its
 * panel needs, and the ISPU and alarm KPI panels answer the numbers computed from what was inserted.
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

    /** The catalog tables, every metric of every source every 30 minutes, camera statuses, the alarms; then the analyst's role. */
    private static void prepare(Connection c) throws SQLException {
        CatalogTables.write(c, SchemaModesTest.CATALOG);
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
        BatchStatements.insertReadings(c, readings);
        insertAlarms(c, ALARMS);
        c.commit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("SET ROLE pantau_analyst");
        }
    }

    static final String RINA = "rina";
    static final String BUDI = "budi";

    /**
     * A day of alarms as Pantau lives them (UTC; the range is 2026-11-20 16:17 to 2026-11-21 16:17), each built
     * event by event so that its row and its events agree. What each KPI panel should answer follows from it: see
     * {@link #alarmKpisMatchTheSeededAlarms}. rina and budi are the operators.
     */
    static final List<SeedAlarm> ALARMS = seedAlarms();

    private static List<SeedAlarm> seedAlarms() {
        List<SeedAlarm> all = new ArrayList<>();
        // The tide at Tanjung Laut Indah reached Siaga four times (four alarms: a new one after each closed), acknowledged
        // after 60, 120, 180 and 600 s; the last one is still open and commented on.
        new SeedAlarm(all, "flood-level", "flood.tide-tanjung-laut-indah", 3, at("2026-11-20T18:30:00Z"))
                .ack(at("2026-11-20T18:31:00Z"), RINA).clear(at("2026-11-20T19:00:00Z")).close(at("2026-11-20T19:00:00Z"));
        new SeedAlarm(all, "flood-level", "flood.tide-tanjung-laut-indah", 3, at("00:30:00"))
                .ack(at("00:32:00"), BUDI).clear(at("01:00:00")).close(at("01:00:00"));
        new SeedAlarm(all, "flood-level", "flood.tide-tanjung-laut-indah", 3, at("07:30:00"))
                .ack(at("07:33:00"), RINA).clear(at("08:00:00")).close(at("08:00:00"));
        new SeedAlarm(all, "flood-level", "flood.tide-tanjung-laut-indah", 3, at("14:45:00"))
                .ack(at("14:55:00"), BUDI).comment(at("15:00:00"), BUDI, "air pasang, pintu air ditutup");
        // Awas at Bontang Kuala, acknowledged within 30 s.
        new SeedAlarm(all, "flood-level", "flood.tide-bontang-kuala", 4, at("09:15:00"))
                .ack(at("09:15:30"), BUDI).clear(at("09:45:00")).close(at("09:45:00"));
        // pm10-spike: a site's rule without on- and off-delay (the built-in rules have them), so it chatters.
        // At Bontang Kuala: three annunciations within 45 s (raised, reactivated twice; Pantau flags it), acknowledged after
        // 120 s and closed; a second alarm later, reactivated once and still open: 5 annunciations.
        new SeedAlarm(all, "pm10-spike", "ispu.aqms-bontang-kuala", 4, at("11:00:00"))
                .clear(at("11:00:10")).reactivate(at("11:00:20")).clear(at("11:00:30")).reactivate(at("11:00:45")).chattering()
                .ack(at("11:02:00"), RINA).clear(at("11:30:00")).close(at("11:30:00"));
        new SeedAlarm(all, "pm10-spike", "ispu.aqms-bontang-kuala", 3, at("13:00:00")).clear(at("13:05:00")).reactivate(at("14:00:00"));
        // At Tanjung Laut it chattered across the start of the range (flagged), so the range holds two annunciations of it
        // 45 s apart: chattering by the flag only. Acknowledged after 210 s.
        new SeedAlarm(all, "pm10-spike", "ispu.aqms-tanjung-laut", 2, at("2026-11-20T16:16:30Z"))
                .clear(at("2026-11-20T16:16:40Z")).reactivate(at("2026-11-20T16:16:50Z")).clear(at("2026-11-20T16:17:05Z"))
                .reactivate(at("2026-11-20T16:17:15Z")).chattering().clear(at("2026-11-20T16:17:30Z"))
                .reactivate(at("2026-11-20T16:18:00Z")).ack(at("2026-11-20T16:20:00Z"), RINA)
                .clear(at("2026-11-20T16:40:00Z")).close(at("2026-11-20T16:40:00Z"));
        // At Api-Api three annunciations 40 s apart: two within any minute, not chattering. Acknowledged after 200 s.
        new SeedAlarm(all, "pm10-spike", "ispu.aqms-api-api", 2, at("12:30:00"))
                .clear(at("12:30:20")).reactivate(at("12:30:40")).clear(at("12:31:00")).reactivate(at("12:31:20"))
                .ack(at("12:33:20"), RINA).clear(at("13:00:00")).close(at("13:00:00"));
        new SeedAlarm(all, "ispu-unhealthy", "ispu.aqms-loktuan", 2, at("06:00:00"))
                .ack(at("06:06:00"), BUDI).clear(at("07:00:00")).close(at("07:00:00"));
        // Low priority, acknowledged slowly: after 900 s; the rain warning only after it had cleared (2400 s).
        new SeedAlarm(all, "tile-status", "traffic.trf-ahmad-yani", 1, at("02:00:00"))
                .ack(at("02:15:00"), BUDI).clear(at("02:30:00")).close(at("02:30:00"));
        new SeedAlarm(all, "tile-status", "rain.city", 1, at("03:00:00"))
                .clear(at("03:20:00")).ack(at("03:40:00"), RINA).close(at("03:40:00"));
        // The weather station went silent for maintenance: shelved past the end of the range.
        new SeedAlarm(all, "device-silent", "wx-bontang", 2, at("15:00:00"))
                .shelve(at("15:05:00"), BUDI, at("20:00:00"), "perawatan stasiun cuaca");
        new SeedAlarm(all, "device-offline", "trf-mt-haryono", 2, at("16:00:00")); // open, but young
        // Standing: open and raised more than 24 h before the end. A tide gauge stuck high (30 h 17 min; escalated, then
        // acknowledged, before the range), a traffic counter offline for 48 h 17 min and taken out of service.
        new SeedAlarm(all, "flood-level", "flood.tide-loktuan", 3, at("2026-11-20T10:00:00Z"))
                .escalate(at("2026-11-20T10:05:00Z")).ack(at("2026-11-20T10:20:00Z"), RINA);
        new SeedAlarm(all, "device-offline", "trf-bhayangkara", 2, at("2026-11-19T16:00:00Z"));
        // Raised 44 h before the end, closed an hour before it: not standing at the end, no annunciation in the range.
        new SeedAlarm(all, "flood-level", "flood.awlr-api-api", 2, at("2026-11-19T20:00:00Z"))
                .ack(at("2026-11-19T20:05:00Z"), BUDI).clear(at("15:17:00")).close(at("15:17:00"));
        // A flood: a power cut takes 12 street-light panels offline within 4 min (one 10-minute period: 12 > 10); budi
        // acknowledges them all at 04:35 (after 840 … 620 s). Later ten of them go silent within 5 min (10: not a flood);
        // rina acknowledges them at 10:40 (after 1140 … 870 s).
        for (int k = 0; k < 12; k++) {
            new SeedAlarm(all, "device-offline", String.format("pju-panel-%02d", k + 1), 2, at("04:21:00").plusSeconds(20L * k))
                    .ack(at("04:35:00"), BUDI).clear(at("05:00:00")).close(at("05:00:00"));
        }
        for (int k = 0; k < 10; k++) {
            new SeedAlarm(all, "device-silent", String.format("pju-panel-%02d", k + 1), 2, at("10:21:00").plusSeconds(30L * k))
                    .ack(at("10:40:00"), RINA).clear(at("10:50:00")).close(at("10:50:00"));
        }
        return all;
    }

    /** A time of 2026-11-21 (UTC), the range's last day. */
    private static Instant at(String time) {
        return time.length() > 8 ? Instant.parse(time) : Instant.parse("2026-11-21T" + time + "Z");
    }

    /** One alarm and its events, built transition by transition as Pantau would (ids from 1, in order). */
    static final class SeedAlarm {
        final long id;
        final String rule;
        final String subject;
        final int severity;
        final Instant raised;
        boolean active = true;
        Instant acknowledged;
        String acknowledgedBy;
        Instant cleared;
        Instant closed;
        Instant shelvedUntil;
        String shelvedBy;
        String shelveReason;
        Instant escalated;
        int activations = 1;
        boolean chattering;
        final List<Event> events = new ArrayList<>();

        record Event(Instant time, String kind, String actor, String comment) {
        }

        SeedAlarm(List<SeedAlarm> all, String rule, String subject, int severity, Instant raised) {
            this.id = all.size() + 1;
            this.rule = rule;
            this.subject = subject;
            this.severity = severity;
            this.raised = raised;
            all.add(this);
            event(raised, "raised", null, null);
        }

        private SeedAlarm event(Instant time, String kind, String actor, String comment) {
            events.add(new Event(time, kind, actor, comment));
            return this;
        }

        SeedAlarm clear(Instant t) {
            active = false;
            cleared = t;
            return event(t, "cleared", null, null);
        }

        SeedAlarm reactivate(Instant t) {
            active = true;
            activations++;
            return event(t, "reactivated", null, null);
        }

        SeedAlarm ack(Instant t, String who) {
            acknowledged = t;
            acknowledgedBy = who;
            return event(t, "acknowledged", who, null);
        }

        SeedAlarm comment(Instant t, String who, String text) {
            return event(t, "commented", who, text);
        }

        SeedAlarm shelve(Instant t, String who, Instant until, String reason) {
            shelvedUntil = until;
            shelvedBy = who;
            shelveReason = reason;
            return event(t, "shelved", who, reason);
        }

        SeedAlarm escalate(Instant t) {
            escalated = t;
            return event(t, "escalated", null, null);
        }

        SeedAlarm close(Instant t) {
            closed = t;
            return event(t, "closed", null, null);
        }

        SeedAlarm chattering() {
            chattering = true;
            return this;
        }
    }

    /** The alarms with their events, and traffic counter trf-bhayangkara out of service. */
    private static void insertAlarms(Connection c, List<SeedAlarm> alarms) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (SeedAlarm a : alarms) {
                Instant updated = a.events.get(a.events.size() - 1).time();
                // A tile's subject is its id ("flood.tide-loktuan", source tide-loktuan; rain.city has several); a source's its id.
                boolean tile = a.subject.contains(".");
                String source = !tile ? a.subject : a.subject.endsWith(".city") ? null : a.subject.substring(a.subject.indexOf('.') + 1);
                s.execute("INSERT INTO alarm (id, rule, subject, source, tile, severity, message_id, message_en, active, raised_at, "
                        + "acknowledged_at, acknowledged_by, cleared_at, closed_at, shelved_until, shelved_by, shelve_reason, "
                        + "escalated_at, activations, chattering, version, updated_at) VALUES (" + String.join(", ", sql(a.id),
                                sql(a.rule), sql(a.subject), sql(source), sql(tile ? a.subject : null), sql(a.severity),
                                sql(a.rule + " " + a.subject),
                                sql(a.rule + " " + a.subject), sql(a.active), sql(a.raised), sql(a.acknowledged),
                                sql(a.acknowledgedBy), sql(a.cleared), sql(a.closed), sql(a.shelvedUntil), sql(a.shelvedBy),
                                sql(a.shelveReason), sql(a.escalated), sql(a.activations), sql(a.chattering), sql(a.events.size()),
                                sql(updated)) + ")");
                for (SeedAlarm.Event e : a.events) {
                    s.execute("INSERT INTO alarm_event (alarm_id, time, kind, actor, comment, severity) VALUES ("
                            + String.join(", ", sql(a.id), sql(e.time()), sql(e.kind()), sql(e.actor()), sql(e.comment()),
                                    sql(a.severity)) + ")");
                }
            }
            s.execute("INSERT INTO alarm_out_of_service (source, since, actor, reason) VALUES ('trf-bhayangkara', "
                    + "'2026-11-20T08:00:00Z', 'admin', 'sensor rusak, menunggu suku cadang')");
            insertNotifications(s, alarms.get(alarms.size() - 1).id);
        }
    }

    /**
     * The messages of one alarm change at 14:00 UTC: two webhooks (2 s, 4 s), Telegram (1 s, and one that failed), an
     * email (10 s); and an escalation due at 14:15 sent 3 s later (measured from its due time, not the change).
     */
    private static void insertNotifications(Statement s, long alarm) throws SQLException {
        s.execute("INSERT INTO alarm_outbox (id, alarm_id, version, kind, at, taken_at) VALUES (1, " + alarm
                + ", 1, 'raised', '2026-11-21T14:00:00Z', '2026-11-21T14:00:00.5Z')");
        String[][] rows = {{"webhook", "hook", "sent", "2", null}, {"webhook", "hook2", "sent", "4", null},
            {"telegram", "-100", "sent", "1", null}, {"telegram", "-200", "failed", null, null},
            {"email", "a@b.id", "sent", "10", null}, {"email", "c@d.id", "sent", "3", "tier1:r"}};
        for (String[] r : rows) {
            String planned = r[4] == null ? "'2026-11-21T14:00:00Z'" : "'2026-11-21T14:15:00Z'";
            String sent = r[3] == null ? "NULL" : planned + "::timestamptz + interval '" + r[3] + " seconds'";
            s.execute("INSERT INTO notify_delivery (alarm_id, change_id, kind, channel, recipient, scheduled, due_at, "
                    + "planned_for, state, sent_at) VALUES (" + alarm + ", 1, " + (r[4] == null ? "'raised'" : "'escalation'")
                    + ", '" + r[0] + "', '" + r[1] + "', " + (r[4] == null ? "NULL" : "'" + r[4] + "'") + ", " + planned
                    + ", " + planned + ", '" + r[2] + "', " + sent + ")");
        }
    }

    private static String sql(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Instant t) {
            return "'" + t + "'::timestamptz";
        }
        if (value instanceof String t) {
            return "'" + t.replace("'", "''") + "'";
        }
        return value.toString();
    }

    /**
     * The alarm dashboard answers the KPIs of {@link #ALARMS}, worked out by hand below (and the two graphs from the
     * seeded events): a wrong filter, bucket, window, percentile or order fails here, not only an empty answer.
     */
    private static void alarmKpisMatchTheSeededAlarms(Connection c, boolean timescaledb) throws Exception {
        JsonNode d = JSON.readTree(Dashboards.DIR.resolve("alarms.json").toFile());

        // 42 annunciations (raised, reactivated) in the range, over its 145 ten-minute periods (16:10 to 16:10 the next day,
        // both touched): 0.290 per period; the 12 panels at 04:21 are the peak and the one flood (10 at 10:21 is none).
        Map<String, Long> perPeriod = new TreeMap<>();
        Map<String, Long> ackPerPeriod = new TreeMap<>();
        for (SeedAlarm a : ALARMS) {
            for (SeedAlarm.Event e : a.events) {
                if (!e.time().isBefore(FROM) && !e.time().isAfter(TO)) {
                    String period = Instant.ofEpochSecond(Math.floorDiv(e.time().getEpochSecond(), 600) * 600).toString();
                    if (e.kind().equals("raised") || e.kind().equals("reactivated")) {
                        perPeriod.merge(period, 1L, Long::sum);
                    } else if (e.kind().equals("acknowledged")) {
                        ackPerPeriod.merge(period + "|" + e.actor(), 1L, Long::sum);
                    }
                }
            }
        }
        assertThat(perPeriod.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(42);
        assertThat(perPeriod).containsEntry("2026-11-20T16:10:00Z", 2L).containsEntry("2026-11-21T04:20:00Z", 12L)
                .containsEntry("2026-11-21T10:20:00Z", 10L).containsEntry("2026-11-21T11:00:00Z", 3L);
        assertThat(rows(c, d, "Laju alarm", timescaledb)).containsExactly("0.290|12|0.690");
        assertThat(rows(c, d, "Alarm per 10 menit", timescaledb))
                .containsExactlyElementsOf(perPeriod.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).toList());
        // budi acknowledged the 12 panels at 04:35, rina the 10 at 10:40.
        assertThat(ackPerPeriod).containsEntry("2026-11-21T04:30:00Z|budi", 12L).containsEntry("2026-11-21T10:40:00Z|rina", 10L);
        assertThat(rows(c, d, "Pengakuan per operator per 10 menit", timescaledb)).containsExactlyInAnyOrderElementsOf(
                ackPerPeriod.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).toList());

        // Time to acknowledge of the alarms acknowledged in the range (tide-loktuan's and awlr-api-api's were before it):
        // critical 30, 120 s; high 60, 120, 180, 600 s; medium 200, 210, 360, 620 … 840 by 20, 870 … 1140 by 30 s; low 900,
        // 2400 s. Median and p90 interpolate as percentile_cont: high p90 = 180 + 0.7 × 420, medium p90 = 1050 + 0.6 × 30.
        assertThat(rows(c, d, "Waktu pengakuan per prioritas", timescaledb))
                .containsExactly("4|2|75|111", "3|4|150|474", "2|25|800|1068", "1|2|1650|2250");
        // budi: 17 acknowledgements (30, 120, 360, 600, 620 … 840, 900: median 700 s), a comment, a shelving; rina: 16
        // (60, 120, 180, 200, 210, 870 … 1140, 2400: median 945 s).
        assertThat(rows(c, d, "Pengakuan per operator /", timescaledb)).containsExactly("budi|17|700|1|1", "rina|16|945|0|0");

        // Standing: trf-bhayangkara (48 h 17 min, out of service) and tide-loktuan (30 h 17 min); not awlr-api-api (closed an
        // hour before the end), nor aqms-tanjung-laut (raised 24 h 0 min 30 s before the end, closed since), nor the young ones.
        assertThat(rows(c, d, "Alarm berdiri /", timescaledb)).containsExactly("2");
        assertThat(rows(c, d, "Alarm berdiri > 24 jam", timescaledb)).containsExactly(
                "device-offline|trf-bhayangkara|2|2026-11-19T16:00:00Z|48.283|di luar layanan|null|null",
                "flood-level|flood.tide-loktuan|3|2026-11-20T10:00:00Z|30.283|aktif, diakui|rina|2026-11-20T10:05:00Z");

        // By rule and subject over all their alarms: aqms-bontang-kuala 5 (3 + 2, of 42: 11.9 %), the Tanjung Laut tide 4
        // (four alarms), then by name among the equal.
        assertThat(rows(c, d, "10 alarm paling sering", timescaledb)).containsExactly(
                "pm10-spike|ispu.aqms-bontang-kuala|5|11.905|4",
                "flood-level|flood.tide-tanjung-laut-indah|4|9.524|3",
                "pm10-spike|ispu.aqms-api-api|3|7.143|2",
                "pm10-spike|ispu.aqms-tanjung-laut|2|4.762|2",
                "device-offline|pju-panel-01|1|2.381|2",
                "device-offline|pju-panel-02|1|2.381|2",
                "device-offline|pju-panel-03|1|2.381|2",
                "device-offline|pju-panel-04|1|2.381|2",
                "device-offline|pju-panel-05|1|2.381|2",
                "device-offline|pju-panel-06|1|2.381|2");

        // Chattering: aqms-bontang-kuala (3 within 45 s from 11:00) and aqms-tanjung-laut (flagged; 2 in the range); not
        // aqms-api-api (three 40 s apart: at most two within a minute).
        assertThat(rows(c, d, "Alarm berulang cepat", timescaledb)).containsExactly(
                "pm10-spike|ispu.aqms-bontang-kuala|4|5|3|2026-11-21T11:00:00Z|ya",
                "pm10-spike|ispu.aqms-tanjung-laut|2|2|2|null|ya");

        // Open at the end: high tide-tanjung-laut-indah, aqms-bontang-kuala, tide-loktuan; medium wx-bontang (shelved),
        // trf-mt-haryono, trf-bhayangkara (out of service).
        assertThat(rows(c, d, "Alarm terbuka per prioritas", timescaledb)).containsExactly("0|3|3|0");
        // Of the 42 annunciations: low 2, medium 30, high 6, critical 4.
        assertThat(rows(c, d, "Sebaran prioritas", timescaledb)).containsExactly("4.762|71.429|14.286|9.524");
        assertThat(rows(c, d, "Alarm ditunda", timescaledb))
                .containsExactly("device-silent|wx-bontang|2|budi|perawatan stasiun cuaca|2026-11-21T20:00:00Z");
        // Email: 10 s and an escalation's 3 s from its due time; webhooks 2 s and 4 s; Telegram 1 s and one failed.
        assertThat(rows(c, d, "Waktu kirim notifikasi per kanal", timescaledb))
                .containsExactly("email|2|0|6.500|9.650", "telegram|1|1|1|1", "webhook|2|0|3|3.900");
        assertThat(rows(c, d, "Sumber di luar layanan", timescaledb))
                .containsExactly("trf-bhayangkara|2026-11-20T08:00:00Z|admin|sensor rusak, menunggu suku cadang|1");
    }

    /**
     * The rows of the panel whose title starts with the prefix, "|"-joined: times as UTC instants (also a time series'
     * epoch seconds on plain PostgreSQL), whole numbers without decimals, others with three.
     */
    private static List<String> rows(Connection c, JsonNode dashboard, String title, boolean timescaledb) throws SQLException {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(p -> {
            if (p.get("title").asText().startsWith(title)) {
                panels.add(p);
            }
        });
        assertThat(panels).as("one panel titled %s…", title).hasSize(1);
        String sql = expand(panels.get(0).get("targets").get(0).get("rawSql").asText(), Map.of(), timescaledb);
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = r.getObject(i);
                    boolean time = r.getMetaData().getColumnLabel(i).equals("time");
                    row.add(v instanceof Timestamp t ? t.toInstant().toString()
                            : v instanceof Number x && time ? Instant.ofEpochSecond(x.longValue()).toString()
                            : v instanceof Number y ? number(y.doubleValue())
                            : String.valueOf(v));
                }
                out.add(String.join("|", row));
            }
        }
        return out;
    }

    private static String number(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString((long) Math.rint(v)) : String.format(Locale.ROOT, "%.3f", v);
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
        alarmKpisMatchTheSeededAlarms(c, timescaledb);
        dailyCallsAddUp(c, timescaledb);
        return ran;
    }

    /**
     * The daily 112 calls panel (governance) answers, per WITA day, the calls and prank calls inserted that day, added
     * up: what the aggregates' sum is for.
     */
    private static void dailyCallsAddUp(Connection c, boolean timescaledb) throws Exception {
        JsonNode d = JSON.readTree(Dashboards.DIR.resolve("governance.json").toFile());
        String raw = null;
        for (JsonNode p : d.get("panels")) {
            for (JsonNode t : p.path("targets")) {
                if (t.path("rawSql").asText().contains("FROM reading_1d") && t.path("rawSql").asText().contains("'calls'")) {
                    raw = t.get("rawSql").asText();
                }
            }
        }
        assertThat(raw).as("the daily calls panel").isNotNull();
        Map<Instant, double[]> expected = new TreeMap<>();
        Instant start = TO.minus(50, ChronoUnit.HOURS);
        java.time.ZoneId wita = java.time.ZoneId.of("Asia/Makassar");
        for (int k = 0; k < POINTS; k++) {
            Instant t = start.plus(30L * k + 1, ChronoUnit.MINUTES);
            Instant day = t.atZone(wita).truncatedTo(ChronoUnit.DAYS).toInstant();
            double[] e = expected.computeIfAbsent(day, x -> new double[2]);
            e[0] += value("call112", "calls", k);
            e[1] += value("call112", "prank_calls", k);
        }
        int rows = 0;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(expand(raw, Map.of(), timescaledb))) {
            while (r.next()) {
                Instant day = r.getObject("time", java.time.OffsetDateTime.class).toInstant();
                assertThat(expected).as("a day with calls").containsKey(day);
                assertThat(r.getDouble("Panggilan")).as("calls on %s", day).isCloseTo(expected.get(day)[0], within(1e-9));
                assertThat(r.getDouble("Iseng %")).as("prank calls on %s", day)
                        .isCloseTo(100 * expected.get(day)[1] / expected.get(day)[0], within(1e-9));
                rows++;
            }
        }
        assertThat(rows).isPositive();
    }

    /** Verifies that no dashboard rebuilds a sum from avg and count: the aggregates have sum (migration V13). */
    @Test
    void verifiesThatNoDashboardRebuildsASumFromAvgAndCount() throws IOException {
        Pattern rebuilt = Pattern.compile("avg\\s*\\)?\\s*\\*\\s*(\\w+\\.)?count\\b");
        int sums = 0;
        for (Path file : Dashboards.files()) {
            for (JsonNode sql : JSON.readTree(file.toFile()).findValues("rawSql")) {
                assertThat(rebuilt.matcher(sql.asText()).find()).as("%s: %s", file, sql.asText()).isFalse();
                sums += sql.asText().matches("(?s).*\\bsum\\((\\w+\\.)?sum\\).*") ? 1 : 0;
            }
        }
        assertThat(sums).as("panels that add up increments and totals").isGreaterThan(10);
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
