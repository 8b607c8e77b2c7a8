package id.bontang.pantau.alarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bontang.pantau.alarm.Lifecycle.Refused;
import id.bontang.pantau.api.Bounds;
import id.bontang.pantau.api.Problem;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.security.Audit;
import id.bontang.pantau.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The operators' alarm API (docs/alarms.md): list, detail with history, acknowledge, comment, shelve, unshelve. */
@Path("/api/v1/alarms")
@RolesAllowed(Role.OPERATOR_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlarmResource {

    /** The body of acknowledge, comment and shelve (each reads its own fields). */
    public record Action(String comment, Integer minutes, String reason) {
    }

    /** The longest comment and reason taken: they are kept, sent to every wall and console, and retained on MQTT. */
    static final int MAX_COMMENT = 2000;
    static final int MAX_REASON = 500;

    /** What the console needs to offer only what the server takes. */
    public record Settings(List<Rule> rules, long maxShelveMinutes, int maxCommentLength, int maxReasonLength) {
    }

    public record Rule(String id, String kind) {
    }

    private final AlarmEngine engine;
    private final AlarmConfig config;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final Audit audit;
    private final Catalog catalog;

    public AlarmResource(AlarmEngine engine, AlarmConfig config, ObjectMapper json, SecurityIdentity identity,
            HttpServerRequest request, Audit audit, Catalog catalog) {
        this.catalog = catalog;
        this.engine = engine;
        this.config = config;
        this.json = json;
        this.identity = identity;
        this.request = request;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Alarms, newest first", description = "Every filter is optional; lists are comma-separated. "
            + "state=open is every state but closed; from/to select alarms alive within that time.")
    public Response list(@QueryParam("state") String state, @QueryParam("source") String source,
            @QueryParam("severity") String severity, @QueryParam("rule") String rule, @QueryParam("area") String area,
            @Parameter(description = "ISO-8601 with offset, or epoch ms", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("from") Instant from,
            @Parameter(description = "ISO-8601 with offset, or epoch ms", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("to") Instant to,
            @Parameter(description = "At most this many (1.." + AlarmQuery.MAX_LIMIT + ")")
            @QueryParam("limit") @DefaultValue("200") @Bounds(min = 1, max = AlarmQuery.MAX_LIMIT) int limit) throws SQLException {
        Set<String> states = list(state);
        Set<String> known = Set.of(AlarmQuery.OPEN, Alarm.ACTIVE_UNACKNOWLEDGED, Alarm.ACTIVE_ACKNOWLEDGED,
                Alarm.CLEARED_UNACKNOWLEDGED, Alarm.CLOSED, Alarm.SHELVED, Alarm.OUT_OF_SERVICE);
        if (!known.containsAll(states)) {
            return problem(400, "state", "state is one or more of " + known);
        }
        Set<Integer> severities;
        try {
            severities = list(severity).stream().map(Integer::valueOf).collect(Collectors.toSet());
        } catch (NumberFormatException e) {
            severities = Set.of(0);
        }
        if (severities.stream().anyMatch(x -> x < 1 || x > 4)) {
            return problem(400, "severity", "severity is one or more of 1, 2, 3, 4");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            return problem(400, "from", "from must be before to");
        }
        return Response.ok(engine.book().query(new AlarmQuery(states, list(source), severities, list(rule), list(area), from, to,
                limit))).build();
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Open alarms by severity, suppressed ones, and whether there is an alarm flood")
    public Object summary() {
        return engine.summary();
    }

    @GET
    @Path("/settings")
    @Operation(summary = "The catalog's alarm rules and the limits of the operators' actions (the console reads them)")
    public Settings settings() {
        return new Settings(catalog.alarms().stream().map(r -> new Rule(r.id(), r.kind().name().toLowerCase(Locale.ROOT)))
                .toList(), config.maxShelve().toMinutes(), MAX_COMMENT, MAX_REASON);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alarm and every event of its life")
    public Response get(@PathParam("id") String id) throws SQLException {
        Alarm a = id(id) == null ? null : engine.book().find(id(id)).orElse(null);
        if (a == null) {
            return problem(404, null, "no alarm " + id);
        }
        ObjectNode node = json.valueToTree(a);
        node.set("events", json.valueToTree(engine.book().events(a.id())));
        return Response.ok(node).build();
    }

    @POST
    @Path("/{id}/ack")
    @Consumes(MediaType.WILDCARD) // the body is optional
    @Operation(summary = "Acknowledges an alarm, with an optional comment: {\"comment\": \"…\"}")
    public Response acknowledge(@PathParam("id") String id, String body) throws SQLException {
        return act(id, body, (a, b) -> Lifecycle.acknowledge(a, user(), b.comment(), Instant.now()));
    }

    @POST
    @Path("/{id}/comment")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Adds a comment to an alarm's history: {\"comment\": \"…\"}")
    public Response comment(@PathParam("id") String id, String body) throws SQLException {
        return act(id, body, (a, b) -> Lifecycle.comment(a, user(), b.comment(), Instant.now()));
    }

    @POST
    @Path("/{id}/shelve")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Shelves an alarm for some minutes, with a reason; it returns by itself when the time is up: "
            + "{\"minutes\": 30, \"reason\": \"…\"}")
    public Response shelve(@PathParam("id") String id, String body) throws SQLException {
        return act(id, body, (a, b) -> {
            if (b.minutes() == null) {
                throw new Refused(400, "minutes: give minutes (1 to " + config.maxShelve().toMinutes() + ") and a reason");
            }
            return Lifecycle.shelve(a, user(), Duration.ofMinutes(b.minutes()), b.reason(), config.maxShelve(), Instant.now());
        });
    }

    @POST
    @Path("/{id}/unshelve")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(summary = "Returns a shelved alarm")
    public Response unshelve(@PathParam("id") String id, String body) throws SQLException {
        return act(id, null, (a, b) -> Lifecycle.unshelve(a, user(), Instant.now()));
    }

    @GET
    @Path("/out-of-service")
    @Operation(summary = "Sources out of service (maintenance): their alarms are suppressed")
    public Collection<AlarmStore.OutOfService> outOfService() {
        return engine.book().sourcesOutOfService().values();
    }

    @PUT
    @Path("/out-of-service/{source}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Takes a source out of service (maintenance), with a reason")
    @Consumes(MediaType.WILDCARD)
    public Response takeOut(@PathParam("source") String source, String text) throws SQLException {
        if (!known(source)) {
            return problem(404, null, "no device, feed or tile '" + source + "' in the catalog");
        }
        Action body;
        try {
            body = action(text);
        } catch (Refused r) {
            return problem(400, r.getMessage().split(":")[0], r.getMessage());
        }
        if (body.reason() == null || body.reason().isBlank()) {
            return problem(400, "reason", "say why the source is out of service");
        }
        engine.book().service(source, user(), body.reason(), Instant.now());
        audit.record(identity, request, "alarm-out-of-service", source, body.reason());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/out-of-service/{source}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Returns a source to service")
    public Response returnToService(@PathParam("source") String source) throws SQLException {
        engine.book().service(source, user(), null, Instant.now());
        audit.record(identity, request, "alarm-in-service", source, null);
        return Response.noContent().build();
    }

    /** An operator's action on alarm {@code id} with the request's JSON body (optional: {@code {}}). */
    private Response act(String id, String text, java.util.function.BiFunction<Alarm, Action, Lifecycle.Transition> action)
            throws SQLException {
        Long n = id(id);
        if (n == null) {
            return problem(404, null, "no alarm " + id);
        }
        try {
            Action body = action(text);
            return Response.ok(engine.book().act(n, a -> action.apply(a, body))).build();
        } catch (Refused r) {
            return problem(r.status, r.status == 400 ? r.getMessage().split(":")[0] : null, r.getMessage());
        }
    }

    private Action action(String text) {
        if (text == null || text.isBlank()) {
            return new Action(null, null, null);
        }
        Action a;
        try {
            a = json.readValue(text, Action.class);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            if ("minutes".equals(field)) {
                throw new Refused(400, "minutes: a whole number of minutes (1 to " + config.maxShelve().toMinutes() + ")");
            }
            throw new Refused(400, (field == null ? "body" : field) + ": " + (field == null
                    ? "a JSON object such as {\"comment\": \"…\"} or {\"minutes\": 30, \"reason\": \"…\"}" : "a text is expected"));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new Refused(400, "body: a JSON object such as {\"comment\": \"…\"} or {\"minutes\": 30, \"reason\": \"…\"} ("
                    + e.getOriginalMessage() + ")");
        }
        if (a.comment() != null && a.comment().length() > MAX_COMMENT) {
            throw new Refused(400, "comment: at most " + MAX_COMMENT + " characters (this one has " + a.comment().length() + ")");
        }
        if (a.reason() != null && a.reason().length() > MAX_REASON) {
            throw new Refused(400, "reason: at most " + MAX_REASON + " characters (this one has " + a.reason().length() + ")");
        }
        return a;
    }

    private static Long id(String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A source alarms can name: a device, a feed, or a tile over several sources. */
    private boolean known(String source) {
        return catalog.source(source).isPresent() || catalog.indicators().stream().anyMatch(i -> i.id().equals(source));
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static Set<String> list(String s) {
        return s == null || s.isBlank() ? Set.of()
                : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet());
    }


    private static Response problem(int status, String field, String detail) {
        String reason = status == 404 ? "not-found" : status == 409 ? "conflict" : "invalid-" + (field == null ? "request" : field);
        return Problem.response(Response.Status.fromStatusCode(status), Response.Status.fromStatusCode(status)
                .getReasonPhrase(), detail, reason, field);
    }
}
