package id.bontang.pantau.edit;

import id.bontang.pantau.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Whether Pantau makes the devices' broker logins, and if not why: what the stewards' page says. */
@Path("/api/v1/catalog/broker-logins")
@RolesAllowed({ Role.STEWARD_NAME, Role.ANALYST_NAME, Role.OPERATOR_NAME })
@Produces(MediaType.APPLICATION_JSON)
public class BrokerLoginsResource {

    private final BrokerLogins logins;

    public BrokerLoginsResource(BrokerLogins logins) {
        this.logins = logins;
    }

    @GET
    @Operation(summary = "Whether each device's broker login is made by Pantau (managed), or elsewhere and why")
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("managed", logins.managed());
        if (!logins.managed()) {
            m.put("elsewhere", logins.elsewhere());
        } else if (logins.problem() != null) {
            m.put("problem", logins.problem());
        }
        return m;
    }
}
