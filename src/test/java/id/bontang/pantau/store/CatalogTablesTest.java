package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.Source;
import id.bontang.pantau.support.Postgres;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog's tables written again with another catalog, as a change of the catalog while running will. */
class CatalogTablesTest {

    @Test
    void verifiesThatADeviceThatLeftTheCatalogStaysInactiveWithItsMetrics() throws Exception {
        Catalog full = SchemaModesTest.CATALOG;
        Map<String, Source> fewer = new LinkedHashMap<>(full.sources());
        assertThat(fewer.remove("wx-bontang")).isNotNull();
        Catalog without = new Catalog(full.origin(), full.city(), full.zone(), full.areas(), fewer, full.indicators(),
                full.alarms(), full.geojson(), full.connectors(), full.devEuis());
        try (Postgres db = new Postgres(); Connection c = db.connect()) {
            SchemaModesTest.migrate(c, Mode.POSTGRESQL);
            CatalogTables.write(c, full);
            long metrics = db.number("SELECT count(*) FROM metric WHERE source_id = 'wx-bontang'");
            assertThat(metrics).isPositive();

            CatalogTables.write(c, without);
            assertThat(db.number("SELECT count(*) FROM device WHERE id = 'wx-bontang' AND NOT active")).isEqualTo(1);
            assertThat(db.number("SELECT count(*) FROM device WHERE active")).isEqualTo(102);
            assertThat(db.number("SELECT count(*) FROM metric WHERE source_id = 'wx-bontang'")).as("kept as they were")
                    .isEqualTo(metrics);

            CatalogTables.write(c, full);
            assertThat(db.number("SELECT count(*) FROM device WHERE active")).as("back again").isEqualTo(103);
        }
    }
}
