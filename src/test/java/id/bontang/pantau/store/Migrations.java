package id.bontang.pantau.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** Pantau's schema on plain PostgreSQL, for tests of other packages that talk to the database without Quarkus. */
public final class Migrations {

    private Migrations() {
    }

    public static void plain(Connection c) throws IOException, SQLException {
        SchemaModesTest.migrate(c, Mode.POSTGRESQL);
    }
}
