package id.bontang.pantau.edit;

import id.bontang.pantau.api.ProblemException;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogChanges;
import id.bontang.pantau.catalog.CatalogVersion;
import id.bontang.pantau.security.Audit;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change of the catalog, however it was made (the whole text, or one device): checked as at start, compared with
 * the version it was made on, recorded as the next version and audited; or, on a dry run, only checked and compared.
 */
@Singleton
public class CatalogEditor {

    private final CatalogVersions versions;
    private final CatalogCheck check;
    private final Audit audit;

    public CatalogEditor(CatalogVersions versions, CatalogCheck check, Audit audit) {
        this.versions = versions;
        this.check = check;
        this.audit = audit;
    }

    /** The newest version, to change; 409 when the catalog is kept in a file. */
    CatalogVersion base() throws SQLException {
        if (!versions.editable()) {
            throw ProblemException.conflict("catalog-in-file", "the catalog is kept in the file "
                    + versions.running().origin() + " (PANTAU_CATALOG_MODE=file, or no database): change the file");
        }
        return newest();
    }

    /** The newest stored version; in file mode (or before the first is seeded), the running one. */
    CatalogVersion newest() throws SQLException {
        return versions.editable() ? versions.newest().orElse(versions.running()) : versions.running();
    }

    /**
     * @param status 200, or 201 for an entry created
     * @throws ProblemException 412 when another version was recorded after {@code base} meanwhile
     */
    Response record(CatalogVersion base, String text, boolean dryRun, String summary, SecurityIdentity who,
            HttpServerRequest from, int status) throws SQLException {
        if (summary != null && (summary.length() > 200 || summary.chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.invalid("summary", "summary: at most 200 characters on one line");
        }
        Catalog after = check.sent(base.origin(), text);
        Catalog before = check.stored(base.origin(), base.text());
        CatalogChanges changes = before == null ? null : CatalogChanges.between(before, after);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (text.equals(base.text())) {
            answer.put("version", base.number());
            answer.put("unchanged", true);
            return Response.ok(answer).tag(CatalogResource.etag(base)).build();
        }
        String listed = changes == null ? "replaces version " + base.number() + ", which no longer validates" : changes.summary();
        String what = summary == null || summary.isBlank() ? listed : summary.strip() + " (" + listed + ")";
        int version = base.number() + 1;
        if (!dryRun) {
            try {
                version = versions.append(base.number(), base.origin(), text, who.getPrincipal().getName(), what);
            } catch (CatalogVersions.Stale e) {
                throw new ProblemException(412, "stale-version", HttpHeaders.IF_MATCH,
                        "another version was recorded just now: read it again and make your change on it");
            }
            audit.record(who, from, "catalog-changed", "version " + version, what);
            versions.catchUp(); // here at once; the other instances within their next poll
        }
        answer.put("version", version);
        answer.put("dryRun", dryRun);
        answer.put("summary", what);
        answer.put("changes", changes);
        Response.ResponseBuilder ok = Response.status(dryRun ? 200 : status).entity(answer);
        return dryRun ? ok.build() : ok.tag(CatalogResource.etag(new CatalogVersion(version, base.origin(), text))).build();
    }
}
