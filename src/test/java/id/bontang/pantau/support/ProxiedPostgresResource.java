package id.bontang.pantau.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A test database that Pantau reaches through a {@link TcpProxy}, so that a test can take it away. */
public class ProxiedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Postgres postgres;
    private static volatile TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        postgres = new Postgres();
        proxy = new TcpProxy(5432);
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + postgres.name(),
                "quarkus.datasource.username", Postgres.USER, "quarkus.datasource.password", "");
    }

    public static Postgres postgres() {
        return postgres;
    }

    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
