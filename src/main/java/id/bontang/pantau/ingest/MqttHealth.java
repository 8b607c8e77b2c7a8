package id.bontang.pantau.ingest;

import id.bontang.pantau.broker.LiveSubscription;
import id.bontang.pantau.broker.Broker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the live subscription is up: without it the wall would freeze. Anyone may read it, so it names
 * no broker address (the log does, at start and on every reconnection).
 */
@Readiness
@ApplicationScoped
public class MqttHealth implements HealthCheck {

    private final Broker broker;
    private final LiveSubscription live;

    public MqttHealth(Broker broker, LiveSubscription live) {
        this.broker = broker;
        this.live = live;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("mqtt").status(live.isLive())
                .withData("mode", broker.isEmbedded() ? "embedded" : "external");
        if (broker.isEmbedded()) {
            // The development broker's port (1883, or the next free one): the wall's status line says where to publish.
            // An external broker's address stays in the log.
            response.withData("port", java.net.URI.create(broker.url()).getPort());
        }
        return response.build();
    }
}
