package id.bontang.pantau.wall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bontang.pantau.security.Credential;
import id.bontang.pantau.security.Role;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /ws/wall}: a snapshot (or, with {@code ?since=S}, the deltas after S) and then live deltas.
 * A plain Vert.x WebSocket, because the hub needs the socket's write queue to treat slow clients.
 */
@ApplicationScoped
public class WallSocket {

    public static final String PATH = "/ws/wall";

    private final TileHub hub;
    private final WallConfig config;
    private final Vertx vertx;

    private final ObjectMapper json;

    public WallSocket(TileHub hub, WallConfig config, Vertx vertx, ObjectMapper json) {
        this.json = json;
        this.hub = hub;
        this.config = config;
        this.vertx = vertx;
    }

    void routes(@Observes Router router) {
        vertx.setPeriodic(config.heartbeat().toMillis(), id -> hub.heartbeat());
        router.route(PATH).handler(rc -> {
            Long since;
            try {
                String s = rc.queryParams().get("since");
                since = s == null || s.isBlank() ? null : Long.valueOf(s);
            } catch (NumberFormatException e) {
                id.bontang.pantau.api.Problem.send(rc, 400, "since is the whole-number seq of the last message seen",
                        "bad-parameter", "since");
                return;
            }
            SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser u && !u.getSecurityIdentity().isAnonymous()
                    ? u.getSecurityIdentity() : null;
            String who = identity == null ? null : identity.getPrincipal().getName();
            String agent = rc.request().getHeader("User-Agent");
            // An operator's console is not a wall to watch; a wall (a display, a viewer, anyone) cannot say it is one.
            boolean wall = !("console".equals(rc.queryParams().get("client")) && identity != null
                    && identity.hasRole(Role.OPERATOR_NAME));
            Credential credential = Credential.of(identity);
            rc.request().toWebSocket().onSuccess(ws -> {
                WallClient client = new WallClient(ws, hub, vertx, config, who, agent, wall, credential);
                ws.textMessageHandler(text -> report(client, text));
                ws.closeHandler(v -> hub.disconnect(client));
                ws.exceptionHandler(e -> hub.disconnect(client));
                hub.connect(client, since);
            }).onFailure(e -> Log.debugf("Wall socket upgrade failed: %s", e.getMessage()));
        });
    }

    /** {@code {"type":"report","seq":N,"lag":ms}}: what the page rendered. Anything else from a page is ignored. */
    private void report(WallClient client, String text) {
        try {
            JsonNode m = json.readTree(text.length() > 1024 ? "{}" : text);
            if ("report".equals(m.path("type").asText()) && m.path("seq").canConvertToLong()) {
                client.report(m.get("seq").asLong(), Math.max(0, m.path("lag").asLong(0)));
            }
        } catch (java.io.IOException e) {
            Log.debugf("Wall socket: not a report: %s", e.getMessage());
        }
    }
}
