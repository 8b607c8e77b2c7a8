package id.bontang.pantau.simulator;

import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * With the simulator on, stand-ins for what notifications reach in the city, so that dev mode's first run shows them
 * delivered without the internet: {@code /simulator/telegram/bot<token>/sendMessage|editMessageText} answers as
 * Telegram's Bot API does, {@code /simulator/hooks/<name>} takes a webhook. Each logs one line (never the text).
 */
@Singleton
public class NotifyReceivers {

    private final SimulatorConfig config;
    private final AtomicLong messageIds = new AtomicLong(100);

    NotifyReceivers(SimulatorConfig config) {
        this.config = config;
    }

    void route(@Observes Router router) {
        if (!config.enabled() || !io.quarkus.runtime.LaunchMode.current().isDevOrTest()) {
            return; // stand-ins for a developer's machine: never in a packaged server, simulator or not
        }
        router.post("/simulator/telegram/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.post("/simulator/telegram/:bot/:method").handler(rc -> {
            JsonObject body = json(rc);
            if (body == null) {
                return;
            }
            String method = rc.pathParam("method");
            long id = method.equals("sendMessage") ? messageIds.incrementAndGet() : body.getLong("message_id", 0L);
            Log.infof("Simulator: Telegram %s to chat %s (%d characters)", method, String.valueOf(body.getValue("chat_id"))
                    .replaceAll("[^-0-9@A-Za-z_]", "?"), String.valueOf(body.getValue("text", "")).length());
            rc.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("ok", true).put("result", new JsonObject().put("message_id", id)).encode());
        });
        router.post("/simulator/hooks/*").handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        router.post("/simulator/hooks/:name").handler(rc -> {
            JsonObject body = json(rc);
            if (body != null) {
                Log.infof("Simulator: webhook %s received %s (signed: %s)", rc.pathParam("name").replaceAll("[^-0-9A-Za-z_]", "?"),
                        String.valueOf(body.getValue("type")).replaceAll("[^.a-z]", "?"),
                        rc.request().getHeader("webhook-signature") != null);
                rc.response().setStatusCode(204).end();
            }
        });
    }

    /** The request's JSON object, or null after answering 400. */
    private static JsonObject json(io.vertx.ext.web.RoutingContext rc) {
        try {
            JsonObject body = rc.body().asJsonObject();
            if (body != null) {
                return body;
            }
        } catch (RuntimeException e) {
            // not JSON: below
        }
        rc.response().setStatusCode(400).end();
        return null;
    }
}
