package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.bontang.pantau.indicator.Ispu;
import id.bontang.pantau.support.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database's ISPU (for Grafana and analysts) gives the wall's numbers: at, just below and just above every bound. */
class IspuSqlTest {

    @Test
    void verifiesThatTheSqlSubIndexEqualsTheWallsAtEveryBreakpoint() throws Exception {
        try (Postgres db = new Postgres(); Connection c = db.connect()) {
            SchemaModesTest.migrate(c, Mode.POSTGRESQL);
            int checked = 0;
            for (String pollutant : Ispu.POLLUTANTS) {
                List<Double> concentrations = new ArrayList<>(List.of(0.0, 0.05, 1e6));
                try (PreparedStatement s = c.prepareStatement("SELECT conc_high FROM ispu_breakpoint WHERE pollutant = ?")) {
                    s.setString(1, pollutant);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            double bound = r.getDouble(1);
                            concentrations.addAll(List.of(bound - 0.1, bound, bound + 0.1));
                        }
                    }
                }
                assertThat(concentrations).as(pollutant + ": five rows").hasSize(3 + 15);
                for (double x : concentrations) {
                    Ispu.SubIndex expected = Ispu.subIndex(pollutant, x);
                    double sql = subIndex(c, pollutant, x);
                    assertThat(sql).as("%s at %s", pollutant, x).isCloseTo(expected.value(), within(1e-9));
                    long rounded = Ispu.round(expected.value());
                    assertThat(category(c, rounded)).as("category of %d", rounded).isEqualTo(Ispu.Category.of(rounded).id);
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(7 * 18);
            // The regulation's worked example: PM2.5 39.0 µg/m³ → 79.45, reported 79.
            assertThat(subIndex(c, "pm25", 39.0)).isCloseTo(79.45, within(0.005));
            try (var s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT ispu_sub_index('pm25', -1), ispu_sub_index('nox', 10), ispu_sub_index('pm25', NULL)")) {
                r.next();
                for (int i = 1; i <= 3; i++) {
                    assertThat(r.getObject(i)).as("column %d: no index for invalid input", i).isNull();
                }
            }
        }
    }

    private static double subIndex(Connection c, String pollutant, double x) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ispu_sub_index(?, ?)")) {
            s.setString(1, pollutant);
            s.setDouble(2, x);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getDouble(1);
            }
        }
    }

    private static String category(Connection c, long ispu) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ispu_category(?)")) {
            s.setLong(1, ispu);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
