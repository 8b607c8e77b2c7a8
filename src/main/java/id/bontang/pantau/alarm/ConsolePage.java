package id.bontang.pantau.alarm;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code /console}: the operator console's page (operators only: application.properties, policy "operators"). */
@ApplicationScoped
public class ConsolePage {

    void routes(@Observes Router router) {
        router.get("/console").handler(rc -> rc.reroute("/console.html"));
    }
}
