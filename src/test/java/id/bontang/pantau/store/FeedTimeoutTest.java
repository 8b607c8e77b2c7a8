package id.bontang.pantau.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.ProxiedPostgresResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.Wita;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A feed request whose batch does not commit in time is answered 503, and still counted once it commits; the
 * application's retry with the same id is then recognised as a repeat, never counted twice.
 */
@QuarkusTest
@TestProfile(FeedTimeoutTest.ShortTimeout.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(ProxiedPostgresResource.class)
class FeedTimeoutTest {

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.store.feed-timeout", "1s");
        }
    }

    private static long orders() {
        Number n = given().get("/api/v1/tiles").jsonPath().get("find { it.id == 'umkm.orders-today' }.value");
        return n == null ? 0 : n.longValue();
    }

    @Test
    void verifiesThatARequestThatTimedOutIsCountedWhenItCommitsAndItsRetryIsARepeat() {
        Ready.await();
        Wita.awayFromMidnight(Duration.ofMinutes(2)); // reads "today"
        long before = orders();
        String order = "{\"id\": \"order-late-1\", \"values\": {\"orders\": 1, \"revenue_idr\": 20000}}";
        ProxiedPostgresResource.proxy().cut(); // the database stops answering; Pantau has not noticed yet
        try {
            given().contentType("application/json").header("Authorization", "Bearer test-key-umkm-0123456789").body(order)
                    .post("/api/v1/feeds/umkm").then().statusCode(503).body("detail", containsString("count once stored"));
            assertThat(orders()).as("not counted before it is stored").isEqualTo(before);
        } finally {
            ProxiedPostgresResource.proxy().restore();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> orders() == before + 1);
        given().contentType("application/json").header("Authorization", "Bearer test-key-umkm-0123456789").body(order)
                .post("/api/v1/feeds/umkm").then().statusCode(202).body("repeats", equalTo(1)).body("accepted", equalTo(0));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> orders() == before + 1);
        assertThat(ProxiedPostgresResource.postgres().number(
                "SELECT count(*) FROM reading WHERE device_id = 'umkm' AND metric = 'orders' AND event_id = 'order-late-1'"))
                .isEqualTo(1);
    }
}
