package id.bontang.pantau.alarm;

import id.bontang.pantau.catalog.LiveCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.catalog.CatalogProducer;
import id.bontang.pantau.store.Store;
import id.bontang.pantau.store.StoreConfig;
import id.bontang.pantau.support.Configs;
import id.bontang.pantau.support.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The alarm history in the machine's PostgreSQL is kept for the retention, not for ever; open alarms always. */
class AlarmRetentionTest {

    @Test
    void verifiesThatClosedAlarmsOlderThanTheRetentionGoWithTheirEventsAndOpenOnesStayHoweverOld() throws Exception {
        try (Postgres db = new Postgres()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(db.url());
            ds.setUser(Postgres.USER);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                    .load().migrate();
            long oldClosed = alarm(db, "old-closed", "now() - interval '800 days'", "now() - interval '799 days'");
            long oldOpen = alarm(db, "old-open", "now() - interval '800 days'", "NULL");
            long recent = alarm(db, "recent", "now() - interval '12 days'", "now() - interval '10 days'");

            JdbcAlarmStore store = new JdbcAlarmStore(new Store(Optional.of(ds), Configs.of(StoreConfig.class),
                    LiveCatalog.of(CatalogProducer.builtIn())));
            Duration retention = Configs.of(AlarmConfig.class).retention();
            assertThat(retention).isEqualTo(Duration.ofDays(730));
            assertThat(store.forgetClosedBefore(Instant.now().minus(retention))).isEqualTo(1);

            assertThat(db.number("SELECT count(*) FROM alarm WHERE id = " + oldClosed)).isZero();
            assertThat(db.number("SELECT count(*) FROM alarm_event WHERE alarm_id = " + oldClosed)).isZero();
            for (long kept : new long[] {oldOpen, recent}) {
                assertThat(db.number("SELECT count(*) FROM alarm WHERE id = " + kept)).as("alarm " + kept).isEqualTo(1);
                assertThat(db.number("SELECT count(*) FROM alarm_event WHERE alarm_id = " + kept)).as("its events").isEqualTo(2);
            }
            assertThat(store.forgetClosedBefore(Instant.now().minus(retention))).as("a second run").isZero();
        }
    }

    /** An alarm raised and (unless {@code closed} is NULL) closed at these SQL times, with two events. */
    private static long alarm(Postgres db, String subject, String raised, String closed) {
        db.execute("INSERT INTO alarm (rule, subject, severity, message_id, message_en, active, raised_at, closed_at) "
                + "VALUES ('flood-level', '" + subject + "', 3, 'm', 'm', false, " + raised + ", " + closed + ")");
        long id = db.number("SELECT id FROM alarm WHERE subject = '" + subject + "'");
        db.execute("INSERT INTO alarm_event (alarm_id, time, kind) VALUES (" + id + ", " + raised + ", 'raised'), ("
                + id + ", " + raised + " + interval '1 hour', 'acknowledged')");
        return id;
    }
}
