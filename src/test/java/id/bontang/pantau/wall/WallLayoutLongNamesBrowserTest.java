package id.bontang.pantau.wall;

import id.bontang.pantau.support.EditedCatalog;
import id.bontang.pantau.support.MosquittoResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/**
 * {@link WallLayoutBrowserTest} with a catalog of long names: the built-in one with a long street, a long river, a long
 * tide gauge and a long kelurahan name, so that titles must wrap or shrink to stay whole.
 */
@QuarkusTest
@TestProfile(WallLayoutLongNamesBrowserTest.LongNames.class)
@WithTestResource(MosquittoResource.class)
class WallLayoutLongNamesBrowserTest extends WallLayoutBrowserTest {

    static final String LONG_STREET = "Jl. Letnan Jenderal Ahmad Yani Simpang Tiga Bontang Baru";

    /** The built-in catalog with long names, written to a file that pantau.catalog names. */
    public static class LongNames extends EveryFeed {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = overrides();
            config.put("pantau.catalog", new EditedCatalog()
                    .replace("name: Jl\\. Ahmad Yani\\}", "name: " + LONG_STREET + "}")
                    .replace("name: Sungai KM 5,", "name: Sungai Kilometer Lima Jalan Poros Bontang–Samarinda,")
                    .replace("name: Pasut Tanjung Laut Indah,", "name: Pasut Pelabuhan Tanjung Laut Indah Dermaga Nelayan,")
                    .replace("name: Bontang Lestari,", "name: Bontang Lestari Kawasan Industri Selatan,").write());
            return config;
        }
    }

    @Override
    protected String longName() {
        return LONG_STREET;
    }
}
