package id.bontang.pantau.store;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.MetricSpec;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.reading.Identity;
import id.bontang.pantau.reading.Reading;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the warm start reads back: the readings the windows still cover, the latest value of each state shown, and
 * when each source was last heard. Streamed with a cursor, each series' newest found by the reading key's index.
 */
@Singleton
public class StoredReadings {

    /** The newest reading of each series given as two arrays (sources, metrics). */
    private static final String LATEST = "SELECT s.device_id, s.metric, r.time, r.value, r.event_id "
            + "FROM unnest(?::text[], ?::text[]) AS s(device_id, metric) "
            + "CROSS JOIN LATERAL (SELECT time, value, event_id FROM reading WHERE device_id = s.device_id "
            + "AND metric = s.metric ORDER BY time DESC LIMIT 1) r";

    private final Store store;
    private final LiveCatalog catalog;

    public StoredReadings(Store store, LiveCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /**
     * Stored readings for a warm start: every reading newer than {@code since}, then the latest reading of
     * each of {@code latest} series (the tiles that show a state, however old).
     */
    public void recent(Instant since, Collection<Reading.Key> latest, Consumer<Reading> into) throws SQLException {
        try (Connection c = store.connection()) {
            recent(c, catalog.current(), since, latest, into);
        }
    }

    static void recent(Connection c, Catalog catalog, Instant since, Collection<Reading.Key> latest, Consumer<Reading> into)
            throws SQLException {
        c.setAutoCommit(false); // lets the driver stream with a cursor
        try (PreparedStatement p = c.prepareStatement(
                "SELECT device_id, metric, time, value, event_id FROM reading WHERE time > ? ORDER BY time")) {
            p.setFetchSize(10_000);
            p.setObject(1, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            read(p, catalog, into);
        }
        try (PreparedStatement p = c.prepareStatement(LATEST)) {
            bindSeries(c, p, latest);
            read(p, catalog, into);
        }
        c.commit();
    }

    /**
     * Stored readings of some series only, for the tiles a catalog change made: those newer than {@code since}, then
     * the latest of each of {@code latest}.
     */
    public void recentOf(Collection<Reading.Key> series, Instant since, Collection<Reading.Key> latest,
            Consumer<Reading> into) throws SQLException {
        Catalog now = catalog.current();
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("SELECT r.device_id, r.metric, r.time, r.value, r.event_id "
                    + "FROM unnest(?::text[], ?::text[]) AS s(device_id, metric) JOIN reading r "
                    + "ON r.device_id = s.device_id AND r.metric = s.metric WHERE r.time > ? ORDER BY r.time")) {
                p.setFetchSize(10_000);
                bindSeries(c, p, series);
                p.setObject(3, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
                read(p, now, into);
            }
            c.commit();
        }
        if (!latest.isEmpty()) {
            try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(LATEST)) {
                bindSeries(c, p, latest);
                read(p, now, into);
            }
        }
    }

    /** A stored reading as a person reads it: what, when, how much. */
    public record Recent(String metric, Instant time, double value, String unit) {
    }

    /** The newest {@code limit} readings of one source, newest first (the reading key's index: no scan). */
    public List<Recent> newest(String source, int limit) throws SQLException {
        Catalog now = catalog.current();
        List<Recent> out = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT metric, time, value FROM reading WHERE device_id = ? ORDER BY time DESC LIMIT ?")) {
            p.setString(1, source);
            p.setInt(2, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String metric = r.getString(1);
                    MetricSpec spec = now.source(source).map(Source::metrics).map(m -> m.get(metric)).orElse(null);
                    out.add(new Recent(metric, r.getObject(2, java.time.OffsetDateTime.class).toInstant(), r.getDouble(3),
                            spec != null ? spec.unit() : Reading.ONLINE.equals(metric) ? "bool" : ""));
                }
            }
        }
        return out;
    }

    /**
     * When each source was last heard: the newest of its series' newest readings, each found by the reading key's
     * index (never a scan of a source's history). Sources never heard are absent.
     */
    public java.util.Map<String, Long> lastHeard(Collection<Reading.Key> series) throws SQLException {
        java.util.Map<String, Long> heard = new java.util.HashMap<>();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("SELECT s.device_id, max(r.time) "
                + "FROM unnest(?::text[], ?::text[]) AS s(device_id, metric) "
                + "CROSS JOIN LATERAL (SELECT time FROM reading WHERE device_id = s.device_id "
                + "AND metric = s.metric ORDER BY time DESC LIMIT 1) r GROUP BY s.device_id")) {
            bindSeries(c, p, series);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    heard.put(r.getString(1), r.getObject(2, java.time.OffsetDateTime.class).toInstant().toEpochMilli());
                }
            }
        }
        return heard;
    }

    /** The series as the first two parameters: their sources, their metrics (for unnest). */
    private static void bindSeries(Connection c, PreparedStatement p, Collection<Reading.Key> series) throws SQLException {
        List<String> sources = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        series.forEach(k -> {
            sources.add(k.source());
            metrics.add(k.metric());
        });
        p.setArray(1, c.createArrayOf("text", sources.toArray()));
        p.setArray(2, c.createArrayOf("text", metrics.toArray()));
    }

    private static void read(PreparedStatement p, Catalog catalog, Consumer<Reading> into) throws SQLException {
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String source = r.getString(1);
                String metric = r.getString(2);
                MetricSpec spec = catalog.source(source).map(Source::metrics).map(m -> m.get(metric)).orElse(null);
                String unit = spec != null ? spec.unit() : Reading.ONLINE.equals(metric) ? "bool" : "";
                String event = r.getString(5);
                into.accept(new Reading(source, metric, r.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                        r.getDouble(4), unit, spec != null && spec.increment(), Identity.publicId(event), false));
            }
        }
    }
}
