package id.bontang.pantau.store;

import id.bontang.pantau.catalog.Area;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.IndicatorSpec;
import id.bontang.pantau.catalog.MeasureSpec;
import id.bontang.pantau.catalog.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The catalog's tables (area, device, feed, metric, indicator), so that Grafana and analysts can join names and
 * places to the readings. Readings stay when their source leaves the catalog, so its rows stay too, inactive.
 */
final class CatalogTables {

    private CatalogTables() {
    }

    /**
     * The catalog as tables, in one transaction; what left the catalog stays, marked inactive. Safe to call again
     * with the same catalog or another: every row is an upsert, and the marks are set afresh each time (metric has
     * none: a metric that left stays as it was). It commits on {@code c}, so nothing else may be pending there.
     */
    static void write(Connection c, Catalog catalog) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String table : new String[] {"area", "device", "feed", "indicator"}) {
                s.executeUpdate("UPDATE " + table + " SET active = false");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO area (slug, name, kecamatan, lat, lon, hazard, active) "
                    + "VALUES (?, ?, ?, ?, ?, ?, true) ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, "
                    + "kecamatan = EXCLUDED.kecamatan, lat = EXCLUDED.lat, lon = EXCLUDED.lon, hazard = EXCLUDED.hazard, active = true")) {
                for (Area a : catalog.areas()) {
                    p.setString(1, a.slug());
                    p.setString(2, a.name());
                    p.setString(3, a.kecamatan());
                    p.setDouble(4, a.lat());
                    p.setDouble(5, a.lon());
                    p.setString(6, a.hazard());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement dev = c.prepareStatement("INSERT INTO device (id, kind, area_slug, name, cadence_s, waspada_cm, "
                    + "siaga_cm, awas_cm, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, true) ON CONFLICT (id) DO UPDATE SET "
                    + "kind = EXCLUDED.kind, area_slug = EXCLUDED.area_slug, name = EXCLUDED.name, cadence_s = EXCLUDED.cadence_s, "
                    + "waspada_cm = EXCLUDED.waspada_cm, siaga_cm = EXCLUDED.siaga_cm, awas_cm = EXCLUDED.awas_cm, active = true");
                    PreparedStatement feed = c.prepareStatement("INSERT INTO feed (id, name, area_slug, cadence_s, active) "
                            + "VALUES (?, ?, ?, ?, true) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
                            + "area_slug = EXCLUDED.area_slug, cadence_s = EXCLUDED.cadence_s, active = true");
                    PreparedStatement metric = c.prepareStatement("INSERT INTO metric (source_id, name, unit, min, max, type) "
                            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source_id, name) DO UPDATE SET unit = EXCLUDED.unit, "
                            + "min = EXCLUDED.min, max = EXCLUDED.max, type = EXCLUDED.type")) {
                for (Source src : catalog.sources().values()) {
                    if (src.isFeed()) {
                        feed.setString(1, src.id());
                        feed.setString(2, src.name());
                        feed.setString(3, src.area());
                        feed.setInt(4, (int) src.cadence().toSeconds());
                        feed.addBatch();
                    } else {
                        dev.setString(1, src.id());
                        dev.setString(2, src.kind());
                        dev.setString(3, src.area());
                        dev.setString(4, src.name());
                        dev.setInt(5, (int) src.cadence().toSeconds());
                        setDouble(dev, 6, src.levels() == null ? null : src.levels().waspada());
                        setDouble(dev, 7, src.levels() == null ? null : src.levels().siaga());
                        setDouble(dev, 8, src.levels() == null ? null : src.levels().awas());
                        dev.addBatch();
                    }
                    for (var m : src.metrics().entrySet()) {
                        metric.setString(1, src.id());
                        metric.setString(2, m.getKey());
                        metric.setString(3, m.getValue().unit());
                        setDouble(metric, 4, Double.isFinite(m.getValue().min()) ? m.getValue().min() : null);
                        setDouble(metric, 5, Double.isFinite(m.getValue().max()) ? m.getValue().max() : null);
                        metric.setString(6, m.getValue().type().name().toLowerCase(java.util.Locale.ROOT));
                        metric.addBatch();
                    }
                }
                dev.executeBatch();
                feed.executeBatch();
                metric.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO indicator (id, dimension, title_id, title_en, type, "
                    + "source_id, area_slug, sources, metric, time_window, aggregate, unit, warning, critical, direction, active) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true) ON CONFLICT (id) DO UPDATE SET "
                    + "dimension = EXCLUDED.dimension, title_id = EXCLUDED.title_id, title_en = EXCLUDED.title_en, "
                    + "type = EXCLUDED.type, source_id = EXCLUDED.source_id, area_slug = EXCLUDED.area_slug, "
                    + "sources = EXCLUDED.sources, metric = EXCLUDED.metric, time_window = EXCLUDED.time_window, "
                    + "aggregate = EXCLUDED.aggregate, unit = EXCLUDED.unit, warning = EXCLUDED.warning, "
                    + "critical = EXCLUDED.critical, direction = EXCLUDED.direction, active = true")) {
                for (IndicatorSpec i : catalog.indicators()) {
                    MeasureSpec v = i.value();
                    p.setString(1, i.id());
                    p.setString(2, i.dimension().code());
                    p.setString(3, i.title().id());
                    p.setString(4, i.title().en());
                    p.setString(5, i.type().name().toLowerCase(java.util.Locale.ROOT));
                    p.setString(6, i.source() == null ? null : i.source().id());
                    p.setString(7, i.area());
                    p.setArray(8, c.createArrayOf("text", (i.type() == IndicatorSpec.Type.WORST ? i.of() : i.sources()).toArray()));
                    p.setString(9, v == null ? null : v.metric());
                    p.setString(10, v == null ? null : v.window().toString());
                    p.setString(11, v == null ? null : v.aggregate().code());
                    p.setString(12, v == null ? null : v.unit());
                    setDouble(p, 13, v == null || v.thresholds() == null ? null : v.thresholds().warning());
                    setDouble(p, 14, v == null || v.thresholds() == null ? null : v.thresholds().critical());
                    p.setString(15, v == null || v.thresholds() == null ? null : v.thresholds().below() ? "below" : "above");
                    p.addBatch();
                }
                p.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, v);
        }
    }
}
