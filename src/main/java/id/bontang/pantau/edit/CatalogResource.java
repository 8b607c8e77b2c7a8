package id.bontang.pantau.edit;

import id.bontang.pantau.api.Bounds;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogChanges;
import id.bontang.pantau.catalog.CatalogException;
import id.bontang.pantau.catalog.CatalogVersion;
import id.bontang.pantau.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The catalog as a whole, with versions: read it (JSON, or YAML as it was written), change it with the version one
 * read ({@code If-Match}), see what each version changed. A change is validated as at start, every problem named
 * with its path; a new version takes effect on each instance at its next start (docs/catalog.md).
 */
@Path("/api/v1/catalog")
@RolesAllowed({ Role.STEWARD_NAME, Role.ANALYST_NAME, Role.OPERATOR_NAME })
public class CatalogResource {

    static final String YAML_TYPE = "application/yaml";

    private final CatalogVersions versions;
    private final CatalogCheck check;
    private final CatalogEditor editor;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public CatalogResource(CatalogVersions versions, CatalogCheck check, CatalogEditor editor, SecurityIdentity identity,
            HttpServerRequest request) {
        this.versions = versions;
        this.check = check;
        this.editor = editor;
        this.identity = identity;
        this.request = request;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, YAML_TYPE })
    @Operation(summary = "The catalog: the newest version (JSON, or YAML as written with Accept: application/yaml)",
            description = "ETag: the version, for If-Match on PUT. In file mode, the file's text and a digest of it.")
    public Response get(@HeaderParam(HttpHeaders.ACCEPT) String accept) throws SQLException {
        CatalogVersion v = editor.newest();
        return text(v.text(), accept).tag(etag(v)).build();
    }

    @PUT
    @RolesAllowed(Role.STEWARD_NAME)
    @Consumes({ YAML_TYPE, "text/yaml", "application/x-yaml", MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the catalog (If-Match: the version read); ?dryRun=true checks and compares only",
            description = "422 with every problem and its path; 412 when another version came first; 428 without If-Match; "
                    + "200 with the new version and what changed; every instance runs it within seconds. Bodies are at most "
                    + "64 KiB (quarkus.http.limits.max-body-size): a larger catalog is changed by entry, CSV or section.")
    public Response put(String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @QueryParam("summary") String summary)
            throws SQLException {
        CatalogVersion newest = editor.base();
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "if-match-required", "If-Match",
                    "send If-Match with the ETag of the catalog you changed (GET /api/v1/catalog), so that no one's change is lost");
        }
        if (!matches(ifMatch, newest)) {
            throw new ProblemException(412, "stale-version", "If-Match", "version " + newest.number()
                    + " is the newest: read it again and make your change on it",
                    Map.of(HttpHeaders.ETAG, "\"" + etag(newest).getValue() + "\""));
        }
        return editor.record(newest, body, dryRun, summary, identity, request, 200);
    }

    @GET
    @Path("/versions")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The catalog's versions, newest first: who, when, what changed; which one this instance runs")
    public List<Map<String, Object>> versions(@QueryParam("limit") @DefaultValue("100") @Bounds(min = 1, max = 1000) int limit)
            throws SQLException {
        if (!versions.editable()) {
            return List.of();
        }
        return versions.list(limit).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", e.version());
            m.put("createdAt", e.createdAt());
            m.put("createdBy", e.createdBy());
            m.put("summary", e.summary());
            m.put("running", e.version() == versions.running().number());
            return m;
        }).toList();
    }

    @POST
    @Path("/versions/{version}/restore")
    @RolesAllowed(Role.STEWARD_NAME)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Going back: records version n's text again as the newest version (If-Match optional)",
            description = "The same checks as a PUT; no body, so a catalog of any size can be restored.")
    public Response restore(@PathParam("version") @Bounds(min = 1, max = Integer.MAX_VALUE) int number,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) throws SQLException {
        CatalogVersion newest = editor.base();
        if (ifMatch != null && !ifMatch.isBlank() && !matches(ifMatch, newest)) {
            throw new ProblemException(412, "stale-version", "If-Match", "version " + newest.number()
                    + " is the newest: read it again and make your change on it");
        }
        CatalogVersion old = versions.get(number)
                .orElseThrow(() -> ProblemException.notFound("no-such-version", "the catalog has no version " + number));
        return editor.record(newest, old.text(), false, "#" + number, identity, request, 200);
    }

    @GET
    @Path("/versions/{version}")
    @Produces({ MediaType.APPLICATION_JSON, YAML_TYPE })
    @Operation(summary = "One version: its text (YAML with Accept: application/yaml) and what it changed from the one before",
            description = "Going back: POST …/versions/{n}/restore, which records it as a new version.")
    public Response version(@PathParam("version") @Bounds(min = 1, max = Integer.MAX_VALUE) int number,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) throws SQLException {
        CatalogVersion v = (versions.editable() ? versions.get(number) : java.util.Optional.<CatalogVersion>empty())
                .orElseThrow(() -> ProblemException.notFound("no-such-version", "the catalog has no version " + number));
        if (wantsYaml(accept)) {
            return text(v.text(), accept).build();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", v.number());
        Catalog after = check.stored(v.origin(), v.text());
        Catalog before = number == 1 ? null : versions.get(number - 1).map(b -> check.stored(b.origin(), b.text())).orElse(null);
        answer.put("changes", before == null || after == null ? null : CatalogChanges.between(before, after));
        answer.put("text", v.text());
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    private static Response.ResponseBuilder text(String text, String accept) {
        if (wantsYaml(accept)) {
            return Response.ok(text, YAML_TYPE + ";charset=UTF-8");
        }
        return Response.ok(CatalogTree.read(text), MediaType.APPLICATION_JSON);
    }

    private static boolean wantsYaml(String accept) {
        return accept != null && (accept.contains("yaml"));
    }

    /** The version number; in file mode a digest of the text this instance runs. */
    static jakarta.ws.rs.core.EntityTag etag(CatalogVersion v) {
        return new jakarta.ws.rs.core.EntityTag(v.stored() ? Integer.toString(v.number())
                : "file-" + org.apache.commons.codec.digest.DigestUtils.sha256Hex(v.text()).substring(0, 16));
    }

    /** Strong comparison (RFC 9110: a weak tag never matches If-Match); {@code *} matches the newest, whichever it is. */
    static boolean matches(String ifMatch, CatalogVersion v) {
        String want = "\"" + etag(v).getValue() + "\"";
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(want)) {
                return true;
            }
        }
        return false;
    }

    /** 422 with every problem, each with its path. */
    static Response invalid(CatalogException e) {
        return id.bontang.pantau.api.Problem.response(ProblemException.unprocessable("invalid-catalog", e.problems().size()
                + " problem(s) in the catalog: " + e.problems().get(0) + (e.problems().size() > 1 ? " …" : ""), e.problems()));
    }
}
