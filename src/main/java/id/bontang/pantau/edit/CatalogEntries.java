package id.bontang.pantau.edit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.CatalogException;
import id.bontang.pantau.catalog.CatalogVersion;
import id.bontang.pantau.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The frequent changes one entry at a time: a device or a feed read, added, replaced or removed, and devices or feeds
 * added in bulk from CSV (all or nothing). Each change is a new catalog version ({@link CatalogEditor}), made on the
 * newest one (or on the one {@code If-Match} names, 412 when another came first). The catalog is written anew as
 * YAML: comments of an earlier text are not kept.
 */
@Path("/api/v1/catalog/{section: devices|feeds}")
@RolesAllowed({ Role.STEWARD_NAME, Role.ANALYST_NAME, Role.OPERATOR_NAME })
@Produces(MediaType.APPLICATION_JSON)
public class CatalogEntries {

    private static final Pattern ENTRY = Pattern.compile("^(devices|feeds)\\[(\\d+)]");

    private final CatalogEditor editor;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public CatalogEntries(CatalogEditor editor, SecurityIdentity identity, HttpServerRequest request) {
        this.editor = editor;
        this.identity = identity;
        this.request = request;
    }

    @GET
    @Operation(summary = "The devices (or feeds) of the newest catalog version, as the catalog writes them")
    public Response list(@PathParam("section") String section) throws SQLException {
        CatalogVersion v = editor.newest();
        return Response.ok(CatalogTree.entries(CatalogTree.read(v.text()), section)).tag(CatalogResource.etag(v)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One device (or feed) of the newest catalog version")
    public Response one(@PathParam("section") String section, @PathParam("id") String id) throws SQLException {
        CatalogVersion v = editor.newest();
        ArrayNode entries = CatalogTree.entries(CatalogTree.read(v.text()), section);
        return Response.ok(entries.get(indexOf(entries, section, id))).tag(CatalogResource.etag(v)).build();
    }

    @POST
    @RolesAllowed(Role.STEWARD_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a device (or feed): a new catalog version; 409 when the id is taken, 422 with every problem")
    public Response create(@PathParam("section") String section, ObjectNode entry, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @QueryParam("summary") String summary) throws SQLException {
        String id = idOf(entry);
        CatalogVersion base = base(ifMatch);
        ObjectNode tree = CatalogTree.read(base.text());
        ArrayNode entries = CatalogTree.entries(tree, section);
        if (find(entries, id) >= 0) {
            throw ProblemException.conflict("already-exists", singular(section) + " '" + id + "' is in the catalog: PUT to change it");
        }
        entries.add(entry);
        Response answer = editor.record(base, CatalogTree.write(tree), dryRun, summary, identity, request, 201);
        return answer.getStatus() == 201 ? Response.fromResponse(answer)
                .header(HttpHeaders.LOCATION, "/api/v1/catalog/" + section + "/" + id).build() : answer;
    }

    @POST
    @RolesAllowed(Role.STEWARD_NAME)
    @Consumes({ "text/csv", "application/csv" })
    @Operation(summary = "Add devices (or feeds) from CSV with a header row, all or nothing",
            description = "Columns are the entry's fields; a dotted column is nested (levels.waspada, metrics.calls.unit). "
                    + "422 names every bad row (the header is row 1).")
    public Response bulk(@PathParam("section") String section, String csv, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @QueryParam("summary") String summary) throws SQLException {
        List<ObjectNode> rows = CsvEntries.read(csv);
        CatalogVersion base = base(ifMatch);
        ObjectNode tree = CatalogTree.read(base.text());
        ArrayNode entries = CatalogTree.entries(tree, section);
        int first = entries.size();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String id = rows.get(i).path("id").asText("");
            if (!id.isEmpty() && find(entries, id) >= 0) {
                problems.add("row " + (i + 2) + ": " + singular(section) + " '" + id + "' is in the catalog already");
            }
            entries.add(rows.get(i));
        }
        if (!problems.isEmpty()) {
            throw new CatalogException("the CSV sent", problems);
        }
        try {
            return editor.record(base, CatalogTree.write(tree), dryRun, summary, identity, request, 201);
        } catch (CatalogException e) {
            throw new CatalogException("the CSV sent", e.problems().stream().map(p -> byRow(p, section, first)).toList());
        }
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Role.STEWARD_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a device (or feed): a new catalog version; 422 with every problem")
    public Response replace(@PathParam("section") String section, @PathParam("id") String id, ObjectNode entry,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @QueryParam("summary") String summary) throws SQLException {
        if (entry == null) {
            throw ProblemException.invalid("body", "body: the " + singular(section) + " as JSON is required");
        }
        if (entry.hasNonNull("id") && !entry.get("id").asText().equals(id)) {
            throw ProblemException.invalid("id", "id: the body's id must be the path's ('" + id + "'); an id is not renamed");
        }
        CatalogVersion base = base(ifMatch);
        ObjectNode tree = CatalogTree.read(base.text());
        ArrayNode entries = CatalogTree.entries(tree, section);
        entry.put("id", id);
        entries.set(indexOf(entries, section, id), entry);
        return editor.record(base, CatalogTree.write(tree), dryRun, summary, identity, request, 200);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Role.STEWARD_NAME)
    @Operation(summary = "Remove a device (or feed) from the catalog: its history stays; a tile left without sources is a problem (422)")
    public Response remove(@PathParam("section") String section, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
            @QueryParam("summary") String summary) throws SQLException {
        CatalogVersion base = base(ifMatch);
        ObjectNode tree = CatalogTree.read(base.text());
        ArrayNode entries = CatalogTree.entries(tree, section);
        entries.remove(indexOf(entries, section, id));
        return editor.record(base, CatalogTree.write(tree), dryRun, summary, identity, request, 200);
    }

    /** The newest version; when If-Match is given, it must name it. */
    private CatalogVersion base(String ifMatch) throws SQLException {
        CatalogVersion base = editor.base();
        if (ifMatch != null && !ifMatch.isBlank() && !CatalogResource.matches(ifMatch, base)) {
            throw new ProblemException(412, "stale-version", HttpHeaders.IF_MATCH, "version " + base.number()
                    + " is the newest: read it again and make your change on it");
        }
        return base;
    }

    private static String idOf(JsonNode entry) {
        if (entry == null || !entry.hasNonNull("id") || entry.get("id").asText().isBlank()) {
            throw ProblemException.invalid("id", "id: required");
        }
        return entry.get("id").asText();
    }

    private static int find(ArrayNode entries, String id) {
        for (int i = 0; i < entries.size(); i++) {
            if (id.equals(entries.get(i).path("id").asText(null))) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(ArrayNode entries, String section, String id) {
        int i = find(entries, id);
        if (i < 0) {
            throw ProblemException.notFound("no-such-" + singular(section), "the catalog has no " + singular(section) + " '" + id + "'");
        }
        return i;
    }

    private static String singular(String section) {
        return section.substring(0, section.length() - 1);
    }

    /** "devices[105] 'x': …" of a row added from CSV as "row 3 (devices[105] 'x'): …". */
    static String byRow(String problem, String section, int first) {
        Matcher m = ENTRY.matcher(problem);
        if (m.find() && m.group(1).equals(section) && Integer.parseInt(m.group(2)) >= first) {
            return "row " + (Integer.parseInt(m.group(2)) - first + 2) + " (" + problem.substring(0, problem.indexOf(':'))
                    + ")" + problem.substring(problem.indexOf(':'));
        }
        return problem;
    }
}
