package id.bontang.pantau.wall;

import id.bontang.pantau.support.MosquittoResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            String yaml;
            try (InputStream in = WallLayoutLongNamesBrowserTest.class.getClassLoader().getResourceAsStream("catalog/bontang.yaml")) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                yaml = replace(yaml, "geojson: bontang-kelurahan.geojson", "geojson: classpath:catalog/bontang-kelurahan.geojson");
                yaml = replace(yaml, "name: Jl. Ahmad Yani}", "name: " + LONG_STREET + "}");
                yaml = replace(yaml, "name: Sungai KM 5,", "name: Sungai Kilometer Lima Jalan Poros Bontang–Samarinda,");
                yaml = replace(yaml, "name: Pasut Tanjung Laut Indah,", "name: Pasut Pelabuhan Tanjung Laut Indah Dermaga Nelayan,");
                yaml = replace(yaml, "name: Bontang Lestari,", "name: Bontang Lestari Kawasan Industri Selatan,");
                Path file = Files.createTempFile("pantau-long-names-", ".yaml");
                Files.writeString(file, yaml);
                file.toFile().deleteOnExit();
                config.put("pantau.catalog", file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return config;
        }

        private static String replace(String yaml, String from, String to) {
            if (!yaml.contains(from)) {
                throw new IllegalStateException("the built-in catalog no longer has '" + from + "'");
            }
            return yaml.replace(from, to);
        }
    }

    @Override
    protected String longName() {
        return LONG_STREET;
    }
}
