package id.bontang.pantau.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Owns a database created for the test run and hands it to Pantau; dropped when the run ends. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Postgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = new Postgres();
        return Map.of("quarkus.datasource.jdbc.url", postgres.url(), "quarkus.datasource.username", Postgres.USER,
                "quarkus.datasource.password", "");
    }

    /** The running test database, for assertions. */
    public static Postgres current() {
        return postgres;
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
