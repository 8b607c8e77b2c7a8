package id.bontang.pantau.edit;

import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.indicator.IndicatorEngine;
import id.bontang.pantau.indicator.SourceActivity;
import id.bontang.pantau.security.Role;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.store.StoredReadings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** When each device and feed of the running catalog was last heard, and its last status: the stewards' table. */
@Path("/api/v1/catalog/activity")
@RolesAllowed({ Role.STEWARD_NAME, Role.ANALYST_NAME, Role.OPERATOR_NAME })
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

    /**
     * @param lastSeen null when never heard: planned
     * @param online   the last status a device reported, null when none
     */
    public record Activity(String id, Instant lastSeen, Boolean online) {
    }

    /** One device or feed: its activity and its newest stored readings (none without a database). */
    public record Detail(String id, Instant lastSeen, Boolean online, List<StoredReadings.Recent> readings) {
    }

    private final LiveCatalog catalog;
    private final SourceActivity activity;
    private final StoredReadings stored;
    private final Store store;

    public ActivityResource(LiveCatalog catalog, IndicatorEngine engine, StoredReadings stored, Store store) {
        this.catalog = catalog;
        this.activity = engine.activity();
        this.stored = stored;
        this.store = store;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One device or feed of the running catalog: when it was last heard, and its newest 50 stored readings")
    public Detail one(@PathParam("id") String id) throws java.sql.SQLException {
        if (catalog.current().source(id).isEmpty()) {
            throw ProblemException.notFound("no-such-source", "the running catalog has no device or feed '" + id + "'");
        }
        long last = activity.lastSeen(id);
        return new Detail(id, last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last), activity.online(id),
                store.up() ? stored.newest(id, 50) : List.of());
    }

    @GET
    @Operation(summary = "When each device and feed this instance runs was last heard (null: planned, never heard), and its status")
    public List<Activity> activity() {
        return catalog.current().sources().keySet().stream().map(id -> {
            long last = activity.lastSeen(id);
            return new Activity(id, last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last), activity.online(id));
        }).toList();
    }
}
