package id.bontang.pantau.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.format.TextStyle;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

@jakarta.annotation.security.PermitAll // the wall policy decides (security/WallPolicy, application.properties)
@Path("/api/v1/city")
@Produces(MediaType.APPLICATION_JSON)
public class CityResource {

    /** The city and its time zone: the wall's clock, "today" and every day bucket are this zone's. */
    public record City(String name, String timezone, String zoneName, String offset) {
    }

    private final LiveCatalog catalog;

    public CityResource(LiveCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "The catalog's city and time zone (city.timezone): the wall's clock and days",
            description = "zoneName is the zone's short name in Bahasa Indonesia (WITA for Asia/Makassar, WIB for Asia/Jakarta); "
                    + "offset its offset from UTC now (+08:00).")
    public City city() {
        return new City(catalog.current().city(), catalog.current().zone().getId(),
                catalog.current().zone().getDisplayName(TextStyle.SHORT, Locale.forLanguageTag("id")),
                catalog.current().zone().getRules().getOffset(java.time.Instant.now()).getId().replace("Z", "+00:00"));
    }
}
