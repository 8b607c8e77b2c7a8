package id.bontang.pantau.security;

import id.bontang.pantau.api.Bounds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/** {@code GET /api/v1/audit}: the newest audit events first (admin). */
@Path("/api/v1/audit")
@RolesAllowed(Role.ADMIN_NAME)
public class AuditResource {

    private final Audit audit;

    public AuditResource(Audit audit) {
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Audit.Event> recent(@QueryParam("limit") @DefaultValue("100") @Bounds(min = 1, max = 5000) int limit)
            throws SQLException {
        return audit.recent(limit);
    }
}
