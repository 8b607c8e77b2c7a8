package id.bontang.pantau.alarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bontang.pantau.api.Bounds;
import id.bontang.pantau.api.FieldHints;
import id.bontang.pantau.api.MaxLength;
import id.bontang.pantau.api.Params;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.security.Audit;
import id.bontang.pantau.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Singleton;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

    /** The longest comment and reason taken: they are kept, sent to every wall and console, and retained on MQTT. */
    static final int MAX_COMMENT = 2000;
    static final int MAX_REASON = 500;

    /** The body of acknowledge (optional) and comment. */
    public record Comment(@MaxLength(MAX_COMMENT) String comment) {
    }

    /** The body of shelve: for how long, and why (both required; Lifecycle checks the range and the reason). */
    public record Shelving(Integer minutes, @MaxLength(MAX_REASON) String reason) {
    }

    /** The body of taking a source out of service. */
    public record OutOfService(@NotBlank(message = "say why the source is out of service") @MaxLength(MAX_REASON) String reason) {
    }

    /** What the console needs to offer only what the server takes. */
    public record Settings(List<Rule> rules, long maxShelveMinutes, int maxCommentLength, int maxReasonLength) {
    }

    public record Rule(String id, String kind) {
    }

    /** The {@code state} filter: a comma-separated list of states, or {@code open}. */
    public record States(Set<String> values) {
        static final Set<String> KNOWN = new java.util.LinkedHashSet<>(List.of(AlarmQuery.OPEN, Alarm.ACTIVE_UNACKNOWLEDGED,
                Alarm.ACTIVE_ACKNOWLEDGED, Alarm.CLEARED_UNACKNOWLEDGED, Alarm.CLOSED, Alarm.SHELVED, Alarm.OUT_OF_SERVICE));

        public static States fromString(String text) {
            Set<String> values = list(text);
            if (!KNOWN.containsAll(values)) {
                throw ProblemException.invalid("state", "state is one or more of " + KNOWN);
            }
            return new States(values);
        }
    }

    /** The {@code severity} filter: a comma-separated list of 1 to 4. */
    public record Severities(Set<Integer> values) {
        public static Severities fromString(String text) {
            Set<String> values = list(text);
            if (!values.stream().allMatch(v -> v.matches("[1-4]"))) {
                throw ProblemException.invalid("severity", "severity is one or more of 1, 2, 3, 4");
            }
            return new Severities(values.stream().map(Integer::valueOf).collect(Collectors.toSet()));
        }
    }

    /** In words, what a body's field of this resource takes where its type says too little. */
    @Singleton
    public static class Hints implements FieldHints {
        private final AlarmConfig config;

        public Hints(AlarmConfig config) {
            this.config = config;
        }

        @Override
        public String expected(Class<?> body, String field) {
            return body == Shelving.class && field.equals("minutes")
                    ? "a whole number of minutes (1 to " + config.maxShelve().toMinutes() + ")" : null;
        }
    }

    private final AlarmEngine engine;
    private final AlarmConfig config;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final Audit audit;
    private final LiveCatalog catalog;

    public AlarmResource(AlarmEngine engine, AlarmConfig config, ObjectMapper json, SecurityIdentity identity,
            HttpServerRequest request, Audit audit, LiveCatalog catalog) {
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
    public List<Alarm> list(
            @Parameter(description = "open, or states: " + Alarm.ACTIVE_UNACKNOWLEDGED + ", …", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("state") States state, @QueryParam("source") String source,
            @Parameter(description = "1 to 4, comma-separated", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("severity") Severities severity, @QueryParam("rule") String rule, @QueryParam("area") String area,
            @Parameter(description = "ISO-8601 with offset, or epoch ms", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("from") Instant from,
            @Parameter(description = "ISO-8601 with offset, or epoch ms", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("to") Instant to,
            @Parameter(description = "At most this many (1.." + AlarmQuery.MAX_LIMIT + ")")
            @QueryParam("limit") @DefaultValue("200") @Bounds(min = 1, max = AlarmQuery.MAX_LIMIT) int limit) throws SQLException {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalid("from", "from must be before to");
        }
        return engine.book().query(new AlarmQuery(state == null ? Set.of() : state.values(), list(source),
                severity == null ? Set.of() : severity.values(), list(rule), list(area), from, to, limit));
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
        return new Settings(catalog.current().alarms().stream().map(r -> new Rule(r.id(), r.kind().name().toLowerCase(Locale.ROOT)))
                .toList(), config.maxShelve().toMinutes(), MAX_COMMENT, MAX_REASON);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alarm and every event of its life")
    public ObjectNode get(@PathParam("id") long id) throws SQLException {
        Alarm a = engine.book().find(id).orElseThrow(() -> ProblemException.notFound(Params.NOT_FOUND, "no alarm " + id));
        ObjectNode node = json.valueToTree(a);
        node.set("events", json.valueToTree(engine.book().events(a.id())));
        return node;
    }

    @POST
    @Path("/{id}/ack")
    @Operation(summary = "Acknowledges an alarm, with an optional comment: {\"comment\": \"…\"}")
    public Alarm acknowledge(@PathParam("id") long id, @Valid Comment body) throws SQLException {
        String comment = body == null ? null : body.comment();
        return engine.book().act(id, a -> Lifecycle.acknowledge(a, user(), comment, Instant.now()));
    }

    @POST
    @Path("/{id}/comment")
    @Operation(summary = "Adds a comment to an alarm's history: {\"comment\": \"…\"}")
    public Alarm comment(@PathParam("id") long id, @Valid Comment body) throws SQLException {
        String comment = body == null ? null : body.comment();
        return engine.book().act(id, a -> Lifecycle.comment(a, user(), comment, Instant.now()));
    }

    @POST
    @Path("/{id}/shelve")
    @Operation(summary = "Shelves an alarm for some minutes, with a reason; it returns by itself when the time is up: "
            + "{\"minutes\": 30, \"reason\": \"…\"}")
    public Alarm shelve(@PathParam("id") long id, @Valid Shelving body) throws SQLException {
        if (body == null || body.minutes() == null) {
            throw ProblemException.invalid("minutes", "minutes: give minutes (1 to " + config.maxShelve().toMinutes() + ") and a reason");
        }
        return engine.book().act(id, a -> Lifecycle.shelve(a, user(), Duration.ofMinutes(body.minutes()), body.reason(),
                config.maxShelve(), Instant.now()));
    }

    @POST
    @Path("/{id}/unshelve")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(summary = "Returns a shelved alarm")
    public Alarm unshelve(@PathParam("id") long id) throws SQLException {
        return engine.book().act(id, a -> Lifecycle.unshelve(a, user(), Instant.now()));
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
    @Operation(summary = "Takes a source out of service (maintenance), with a reason: {\"reason\": \"…\"}")
    public Response takeOut(@PathParam("source") String source, @Valid OutOfService body) throws SQLException {
        if (!known(source)) {
            throw ProblemException.notFound(Params.NOT_FOUND, "no device, feed or tile '" + source + "' in the catalog");
        }
        if (body == null) {
            throw ProblemException.invalid("reason", "reason: say why the source is out of service");
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

    /** A source alarms can name: a device, a feed, or a tile over several sources. */
    private boolean known(String source) {
        return catalog.current().source(source).isPresent() || catalog.current().indicators().stream().anyMatch(i -> i.id().equals(source));
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static Set<String> list(String s) {
        return s == null || s.isBlank() ? Set.of()
                : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet());
    }
}
