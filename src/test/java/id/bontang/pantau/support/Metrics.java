package id.bontang.pantau.support;

import static io.restassured.RestAssured.given;

/** Reads one sample from the Prometheus endpoint. */
public final class Metrics {

    private Metrics() {
    }

    /** The value of the sample whose line starts with {@code nameAndTags} (e.g. {@code x_total{reason="y"}}), or 0. */
    public static double value(String nameAndTags) {
        String body = SignIn.admin().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            if (line.startsWith(nameAndTags + " ")) {
                return Double.parseDouble(line.substring(nameAndTags.length() + 1).trim());
            }
        }
        return 0;
    }
}
