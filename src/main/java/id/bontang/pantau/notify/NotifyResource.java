package id.bontang.pantau.notify;

import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.security.Audit;
import id.bontang.pantau.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Notifications' API (docs/alarms.md): the admins' rules, each user's own contact points and subscriptions, the
 * delivery trail of an alarm, the channels' state, and acknowledging from a message's link.
 */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotifyResource {

    /** The body of a change of the admins' settings: the version it was made to. */
    public record Change(int version, Settings settings) {
    }

    private final Notifications notifications;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final Audit audit;

    public NotifyResource(Notifications notifications, SecurityIdentity identity, HttpServerRequest request, Audit audit) {
        this.notifications = notifications;
        this.identity = identity;
        this.request = request;
        this.audit = audit;
    }

    @GET
    @Path("/settings")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "The notification rules, groups, duty rosters and webhooks, with their version")
    public Notifications.Versioned settings() throws SQLException {
        return notifications.settings();
    }

    @PUT
    @Path("/settings")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Replaces the notification settings made to {version}: 409 when someone saved meanwhile")
    public Notifications.Versioned save(Change body) throws SQLException {
        if (body == null) {
            throw Settings.bad("settings", "send {\"version\": n, \"settings\": {…}}");
        }
        Notifications.Versioned saved = notifications.saveSettings(body.version(), body.settings(), user());
        audit.record(identity, request, "notify-settings", Notifications.RULES, "version " + saved.version());
        return saved;
    }

    @POST
    @Path("/daily-summary")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Sends the daily summary now to everyone who gets it; answers how many were sent and failed")
    public Map<String, Integer> dailySummary() throws SQLException {
        DailySummary.Sent sent = notifications.sendDailySummary();
        audit.record(identity, request, "notify-daily-summary", "now", sent.sent() + " sent, " + sent.failed() + " failed");
        return Map.of("sent", sent.sent(), "failed", sent.failed());
    }

    @GET
    @Path("/me")
    @RolesAllowed({ Role.OPERATOR_NAME, Role.ANALYST_NAME, Role.STEWARD_NAME })
    @Operation(summary = "My contact points and subscriptions")
    public Personal mine() throws SQLException {
        return notifications.personal(user());
    }

    @PUT
    @Path("/me")
    @RolesAllowed({ Role.OPERATOR_NAME, Role.ANALYST_NAME, Role.STEWARD_NAME })
    @Operation(summary = "Sets my contact points and subscriptions")
    public Personal saveMine(Personal body) throws SQLException {
        Personal saved = notifications.savePersonal(user(), body);
        audit.record(identity, request, "notify-contacts", user(), "email " + (saved.contacts().email() != null ? "set" : "none")
                + ", telegram " + (saved.contacts().telegram() != null ? "set" : "none") + ", "
                + saved.subscriptions().size() + " subscriptions");
        return saved;
    }

    @GET
    @Path("/status")
    @RolesAllowed({ Role.OPERATOR_NAME, Role.ANALYST_NAME, Role.STEWARD_NAME })
    @Operation(summary = "Whether notifications are kept in the database, which channels can send, how many wait, who is on duty")
    public Map<String, Object> status() throws SQLException {
        return notifications.status();
    }

    @GET
    @Path("/alarms/{id}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Who was told of an alarm, when, by which channel, and whether it arrived (every attempt)")
    public List<NotifyStore.Delivery> trail(@PathParam("id") long id) throws SQLException {
        return notifications.trail(id);
    }

    @POST
    @Path("/links/{token}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Acknowledges the alarm a message's link names (once, before it expires)")
    public Alarm acknowledge(@PathParam("token") String token) throws SQLException {
        Alarm a = notifications.acknowledgeByLink(token, user());
        audit.record(identity, request, "alarm-ack-link", String.valueOf(a.id()), null);
        return a;
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
