package id.bontang.pantau.wall;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import id.bontang.pantau.support.Chromium;
import id.bontang.pantau.support.EditedCatalog;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Ready;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A city in another time zone (the Bontang catalog moved to WIB, Asia/Jakarta): the wall's clock, its zone label and
 * its date follow the catalog's zone, not Bontang's, in a real Chromium whose own zone is neither.
 */
@QuarkusTest
@TestProfile(WallZoneBrowserTest.Wib.class)
@WithTestResource(MosquittoResource.class)
class WallZoneBrowserTest {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    /** The default catalog, its city in Asia/Jakarta. */
    public static class Wib implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.catalog", new EditedCatalog().replace("timezone: Asia/Makassar", "timezone: Asia/Jakarta").write());
        }
    }

    @TestHTTPResource("/")
    URL wall;

    @Test
    void verifiesThatTheWallsClockZoneAndDateAreTheCatalogsZone() {
        Ready.await();
        try (Chromium chromium = new Chromium()) {
            Page page = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                    .setTimezoneId("America/New_York")).newPage();
            page.navigate(wall + "?lang=en");
            page.waitForFunction("() => document.getElementById('conn').dataset.state === 'live'"
                    + " && document.querySelector('.clock .tz').textContent === 'WIB'"
                    + " && /^\\d\\d:\\d\\d:\\d\\d$/.test(document.getElementById('clock').textContent)");
            String clock = page.textContent("#clock");
            ZonedDateTime now = ZonedDateTime.now(JAKARTA);
            // The page's clock ticks each second: it shows Jakarta's time of a moment ago or now.
            List<String> expected = List.of(now.minusSeconds(2), now.minusSeconds(1), now, now.plusSeconds(1)).stream()
                    .map(t -> t.format(DateTimeFormatter.ofPattern("HH:mm:ss"))).toList();
            assertThat(clock).as("the clock, in WIB").isIn(expected);
            assertThat(page.textContent("#date")).as("the date, in WIB")
                    .contains(String.valueOf(ZonedDateTime.now(JAKARTA).getDayOfMonth()));
            assertThat(page.evaluate("() => window.pantauCity.offset")).isEqualTo("+07:00");
        }
    }
}
