package id.bontang.pantau.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.HealthGroup;

/**
 * Part of {@code /q/health/group/storage}: which storage runs (TimescaleDB, plain PostgreSQL, or none) and whether
 * the database is reachable. Not readiness: an orchestrator must not pull a live wall because the database is away.
 */
@HealthGroup("storage")
@ApplicationScoped
public class StoreHealth implements HealthCheck {

    private final Store store;
    private final BatchWriter writer;

    public StoreHealth(Store store, BatchWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("database");
        if (!store.enabled()) {
            return b.up().withData("mode", Mode.OFF.code).withData("persistence",
                    "OFF: no database configured (QUARKUS_DATASOURCE_JDBC_URL); the wall runs live only, nothing is stored")
                    .build();
        }
        b.withData("mode", store.mode() == null ? "unknown (not reached yet)" : store.mode().code)
                .withData("backlog", writer.backlog());
        if (store.up()) {
            return b.up().build();
        }
        if (store.downSince() != null) {
            b.withData("downSince", store.downSince().toString());
        }
        if (store.problem() != null) {
            b.withData("problem", store.problem());
        }
        return b.down().build();
    }
}
