package id.bontang.pantau.ingest;

import id.bontang.pantau.broker.DurableSubscription;
import id.bontang.pantau.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.HealthGroup;

/**
 * Part of {@code /q/health/group/storage}: is every accepted reading on its way to the database? Every durable
 * session must be connected and subscribed; a broker restart shows here (and in the log and
 * {@code pantau_store_sessions}) until each has subscribed again. Not readiness: the wall goes on without it.
 */
@HealthGroup(DurableHealth.GROUP)
@ApplicationScoped
public class DurableHealth implements HealthCheck {

    public static final String GROUP = "storage";

    private final Store store;
    private final DurableSubscription durable;

    public DurableHealth(Store store, DurableSubscription durable) {
        this.store = store;
        this.durable = durable;
    }

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("durable");
        if (!store.enabled()) {
            return b.up().withData("sessions", 0).withData("persistence", "off").build();
        }
        long up = durable.subscribedCount();
        b.withData("sessions", durable.sessionCount()).withData("subscribed", up);
        if (durable.isConnected()) {
            return b.up().build();
        }
        return b.down().withData("problem", (durable.sessionCount() - up) + " of " + durable.sessionCount()
                + " durable sessions are not connected and subscribed: what they would bring waits at the broker").build();
    }
}
