package id.bontang.pantau;

import id.bontang.pantau.support.SignIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.ingest.Reason;
import id.bontang.pantau.support.MosquittoResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/metrics.md is the operators' reference: everything it lists must exist, and every reason be listed. */
@QuarkusTest
@WithTestResource(MosquittoResource.class)
class MetricsDocTest {

    private static final Path DOC = Path.of("docs", "metrics.md");

    @Test
    void verifiesThatEveryDocumentedMetricIsServed() throws IOException {
        List<String> names = Pattern.compile("^\\| `(pantau_[a-z_]+)` \\|", Pattern.MULTILINE).matcher(Files.readString(DOC))
                .results().map(m -> m.group(1)).toList();
        assertThat(names).isNotEmpty();
        String metrics = SignIn.admin().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : names) {
            assertThat(Pattern.compile("^" + name + "(_bucket|_count|_sum|_max)?[ {]", Pattern.MULTILINE).matcher(metrics).find())
                    .as("%s is served by /q/metrics", name).isTrue();
        }
        Matcher served = Pattern.compile("^(pantau_[a-z_]+)[ {]", Pattern.MULTILINE).matcher(metrics);
        while (served.find()) {
            String name = served.group(1).replaceFirst("_(count|sum|max|bucket)$", "");
            assertThat(names).as("%s is documented in docs/metrics.md", served.group(1)).contains(name);
        }
    }

    @Test
    void verifiesThatEveryRejectionReasonIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        for (Reason r : Reason.values()) {
            assertThat(doc).contains("| `" + r.code() + "` |");
        }
    }
}
