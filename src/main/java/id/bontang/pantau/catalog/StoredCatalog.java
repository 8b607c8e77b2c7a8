package id.bontang.pantau.catalog;

import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The newest catalog version in the database, read once at start before the schema is migrated (so the table may
 * not exist yet: a first start, seeded from the file afterwards by {@code edit/CatalogVersions}).
 */
final class StoredCatalog {

    private static final String UNDEFINED_TABLE = "42P01";

    private StoredCatalog() {
    }

    /** The newest version, or empty when there is none yet or the database cannot be reached (then said in the log). */
    static Optional<CatalogVersion> newest(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version, origin, body FROM catalog_version ORDER BY version DESC LIMIT 1")) {
            return r.next() ? Optional.of(new CatalogVersion(r.getInt(1), r.getString(2), r.getString(3))) : Optional.empty();
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                Log.warnf("Catalog: the database could not be read at start (%s): starting with the file's catalog. "
                        + "Versions made through the API since it was seeded are used again at the next start "
                        + "with the database up", e.getClass().getSimpleName());
            }
            return Optional.empty();
        }
    }
}
