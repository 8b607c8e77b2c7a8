package id.bontang.pantau.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Metrics;
import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.ProxiedPostgresResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while a gauge reaches Siaga: the alarm cannot be stored, so the engine tries again every
 * tick (counted), the API answers 503 with Retry-After instead of a wrong list, and once the database is back the
 * alarm is there, raised once.
 */
@QuarkusTest
@TestProfile(AlarmsTest.QuickRules.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(ProxiedPostgresResource.class)
class AlarmsDatabaseOutageTest {

    @Test
    void verifiesThatAnAlarmRaisedWhileTheDatabaseIsAwayIsStoredOnceItIsBack() {
        Ready.await();
        await().atMost(Duration.ofSeconds(30)).until(() -> SignIn.admin().get("/api/v1/alarms").statusCode() == 200);
        double before = Metrics.value("pantau_alarms_not_stored_total");
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            AlarmsTest.level(gauge, "tide-loktuan", 100);
            ProxiedPostgresResource.proxy().cut();
            try {
                AlarmsTest.level(gauge, "tide-loktuan", 250);
                await().atMost(Duration.ofSeconds(10)).until(() -> AlarmsTest.tile("flood.tide-loktuan") == 250);
                await().atMost(Duration.ofSeconds(20)).until(() -> Metrics.value("pantau_alarms_not_stored_total") > before);
                SignIn.admin().get("/api/v1/alarms?state=open").then().statusCode(503).header("Retry-After", "10");
            } finally {
                ProxiedPostgresResource.proxy().restore();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> SignIn.admin().get("/api/v1/alarms?state=open&source=tide-loktuan")
                    .then().extract().jsonPath().getList("id").size() == 1);
            List<Long> ids = SignIn.admin().get("/api/v1/alarms?rule=flood-level&source=tide-loktuan").jsonPath()
                    .getList("id", Long.class);
            assertThat(ids).as("raised once").hasSize(1);
            assertThat(ProxiedPostgresResource.postgres().number("SELECT count(*) FROM alarm_event WHERE alarm_id = "
                    + ids.get(0) + " AND kind = 'raised'")).isEqualTo(1);
            AlarmsTest.level(gauge, "tide-loktuan", 100);
        }
    }
}
