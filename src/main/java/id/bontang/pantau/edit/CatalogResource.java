package id.bontang.pantau.edit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import id.bontang.pantau.api.Bounds;
import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogChanges;
import id.bontang.pantau.catalog.CatalogException;
import id.bontang.pantau.catalog.CatalogVersion;
import id.bontang.pantau.security.Audit;
import id.bontang.pantau.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final CatalogVersions versions;
    private final CatalogCheck check;
    private final Audit audit;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public CatalogResource(CatalogVersions versions, CatalogCheck check, Audit audit, SecurityIdentity identity,
            HttpServerRequest request) {
        this.versions = versions;
        this.check = check;
        this.audit = audit;
        this.identity = identity;
        this.request = request;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, YAML_TYPE })
    @Operation(summary = "The catalog: the newest version (JSON, or YAML as written with Accept: application/yaml)",
            description = "ETag: the version, for If-Match on PUT. In file mode, the file's text and a digest of it.")
    public Response get(@HeaderParam(HttpHeaders.ACCEPT) String accept) throws SQLException {
        CatalogVersion v = current();
        return text(v.text(), accept).tag(etag(v)).build();
    }

    @PUT
    @RolesAllowed(Role.STEWARD_NAME)
    @Consumes({ YAML_TYPE, "text/yaml", "application/x-yaml", MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the catalog (If-Match: the version read); ?dryRun=true checks and compares only",
            description = "422 with every problem and its path; 412 when another version came first; 428 without If-Match; "
                    + "200 with the new version and what changed. It takes effect on each instance at its next start.")
    public Response put(String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @QueryParam("summary") String summary)
            throws SQLException {
        if (!versions.editable()) {
            throw ProblemException.conflict("catalog-in-file", "the catalog is kept in the file "
                    + versions.running().origin() + " (PANTAU_CATALOG_MODE=file, or no database): change the file");
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "if-match-required", "If-Match",
                    "send If-Match with the ETag of the catalog you changed (GET /api/v1/catalog), so that no one's change is lost");
        }
        CatalogVersion newest = current();
        if (!matches(ifMatch, newest)) {
            throw new ProblemException(412, "stale-version", "If-Match", "version " + newest.number()
                    + " is the newest: read it again and make your change on it", Map.of(HttpHeaders.ETAG, "\"" + etag(newest).getValue() + "\""));
        }
        Catalog candidate = check.load(newest.origin(), body);
        CatalogChanges changes = CatalogChanges.between(check.load(newest.origin(), newest.text()), candidate);
        String what = summary == null || summary.isBlank() ? changes.summary() : summary.strip() + " (" + changes.summary() + ")";
        Map<String, Object> answer = new LinkedHashMap<>();
        if (body.equals(newest.text())) {
            answer.put("version", newest.number());
            answer.put("unchanged", true);
            return Response.ok(answer).tag(etag(newest)).build();
        }
        int version = newest.number() + 1;
        if (!dryRun) {
            try {
                version = versions.append(newest.number(), newest.origin(), body, identity.getPrincipal().getName(), what);
            } catch (CatalogVersions.Stale e) {
                throw new ProblemException(412, "stale-version", "If-Match",
                        "another version was recorded just now: read it again and make your change on it");
            }
            audit.record(identity, request, "catalog-changed", "version " + version, what);
        }
        answer.put("version", version);
        answer.put("dryRun", dryRun);
        answer.put("summary", what);
        answer.put("changes", changes);
        answer.put("takesEffect", "at each instance's next start");
        Response.ResponseBuilder ok = Response.ok(answer);
        return dryRun ? ok.build() : ok.tag(etag(new CatalogVersion(version, newest.origin(), body))).build();
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

    @GET
    @Path("/versions/{version}")
    @Produces({ MediaType.APPLICATION_JSON, YAML_TYPE })
    @Operation(summary = "One version: its text (YAML with Accept: application/yaml) and what it changed from the one before",
            description = "Going back: PUT this version's text, which records it as a new version.")
    public Response version(@PathParam("version") @Bounds(min = 1, max = Integer.MAX_VALUE) int number,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) throws SQLException {
        CatalogVersion v = (versions.editable() ? versions.get(number) : java.util.Optional.<CatalogVersion>empty())
                .orElseThrow(() -> ProblemException.notFound("no-such-version", "the catalog has no version " + number));
        if (wantsYaml(accept)) {
            return text(v.text(), accept).build();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", v.number());
        answer.put("changes", number == 1 ? null : versions.get(number - 1)
                .map(before -> CatalogChanges.between(check.load(before.origin(), before.text()), check.load(v.origin(), v.text())))
                .orElse(null));
        answer.put("text", v.text());
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    /** The newest stored version; in file mode (or before the first is seeded), the running one. */
    private CatalogVersion current() throws SQLException {
        return versions.editable() ? versions.newest().orElse(versions.running()) : versions.running();
    }

    private static Response.ResponseBuilder text(String text, String accept) {
        if (wantsYaml(accept)) {
            return Response.ok(text, YAML_TYPE + ";charset=UTF-8");
        }
        try {
            return Response.ok(YAML.readTree(text), MediaType.APPLICATION_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // it was validated when it was recorded
        }
    }

    private static boolean wantsYaml(String accept) {
        return accept != null && (accept.contains("yaml"));
    }

    /** The version number; in file mode a digest of the text, which changes when the file does. */
    static jakarta.ws.rs.core.EntityTag etag(CatalogVersion v) {
        return new jakarta.ws.rs.core.EntityTag(v.stored() ? Integer.toString(v.number())
                : "file-" + Integer.toHexString(v.text().hashCode()));
    }

    private static boolean matches(String ifMatch, CatalogVersion v) {
        String want = etag(v).getValue();
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.replace("\"", "").equals(want)) {
                return true;
            }
        }
        return false;
    }

    /** 422 with every problem, each with its path. */
    static Response invalid(CatalogException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Unprocessable Content");
        body.put("status", 422);
        body.put("detail", e.problems().size() + " problem(s) in the catalog: " + e.problems().get(0)
                + (e.problems().size() > 1 ? " …" : ""));
        body.put("reason", "invalid-catalog");
        body.put("problems", e.problems());
        return Response.status(422).type("application/problem+json").entity(body).build();
    }
}
