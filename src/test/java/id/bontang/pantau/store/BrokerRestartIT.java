package id.bontang.pantau.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.SteadyPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The broker itself restarts, or dies, under a steady QoS 1 stream into the packaged server (a Mosquitto with the
 * repository's configuration and persistence, the machine's PostgreSQL): what the broker acknowledged to the
 * gateway is compared with what was stored. The durable sessions' plain subscriptions are kept by the broker
 * across its restart, so what is published while Pantau has not yet reconnected waits for it.
 */
class BrokerRestartIT {

    private static final int RATE = 1000;

    private static long stored(Postgres db) {
        return db.number("SELECT count(*) FROM reading WHERE metric = 'vehicles'");
    }

    private static int ready(PantauProcess p, String path) {
        try {
            return p.http().get(path).statusCode();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The gateway's stream goes on: five more seconds of it acknowledged. */
    private static void goesOn(SteadyPublisher gateway, long after) {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> gateway.acknowledged() > after + 5 * RATE);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the stream did not go on after the broker came back: " + gateway, e);
        }
    }

    private static int backlog(PantauProcess p) {
        return p.http().get("/q/health/group/storage").jsonPath().getInt("checks.find { it.name == 'database' }.data.backlog");
    }

    @Test
    void verifiesThatABrokerRestartUnderASteadyStreamLosesNothingAcknowledged() {
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            PantauProcess pantau = new PantauProcess(PantauProcess.storing(broker, db, "restart-broker")).start();
            try (SteadyPublisher gateway = new SteadyPublisher(broker.url(), RATE, Instant.now().minusSeconds(600).toEpochMilli())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> stored(db) > 3 * RATE);
                broker.stop(); // SIGTERM: Mosquitto saves its sessions and queued messages
                await().atMost(Duration.ofSeconds(10)).until(() -> ready(pantau, "/q/health/ready") == 503);
                assertThat(ready(pantau, "/q/health/group/storage")).isEqualTo(503);
                broker.start();
                // Every session subscribed again (one that does not by itself is taken in hand within 10 s).
                await().atMost(Duration.ofSeconds(30)).until(() -> ready(pantau, "/q/health/ready") == 200
                        && ready(pantau, "/q/health/group/storage") == 200);
                long after = gateway.acknowledged();
                goesOn(gateway, after);
                gateway.finish(Duration.ofSeconds(30));
                long acknowledged = gateway.acknowledged();
                assertThat(acknowledged).isEqualTo(gateway.published());
                await().atMost(Duration.ofSeconds(60)).until(() -> stored(db) >= acknowledged);
                assertThat(stored(db)).as("every acknowledged message stored").isEqualTo(acknowledged);
                assertThat(db.number("SELECT count(*) - count(DISTINCT (device_id, metric, time)) FROM reading"))
                        .as("none twice").isZero();
                assertThat(pantau.admin().get("/q/metrics").asString()).contains("pantau_store_sessions{state=\"down\"} 0.0");
            } finally {
                pantau.stop();
            }
        }
    }

    /**
     * The worst moment for a broker crash: Pantau is away (a deployment), so the broker holds a backlog for its
     * sessions, in memory and in the persistence file as of its last autosave. Killed then, it loses what it
     * acknowledged since that save: one to three seconds of the stream with mosquitto.conf's autosave_interval 1.
     */
    @Test
    void verifiesThatABrokerKilledWithABacklogLosesAtMostItsLastAutosaveIntervalAndNothingTwice() {
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.storing(broker, db, "kill-broker");
            PantauProcess pantau = new PantauProcess(env).start();
            try (SteadyPublisher gateway = new SteadyPublisher(broker.url(), RATE, Instant.now().minusSeconds(600).toEpochMilli())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> stored(db) > 3 * RATE);
                pantau.stop(); // its sessions stay at the broker, which queues for them
                long queuedFrom = gateway.acknowledged();
                await().atMost(Duration.ofSeconds(20)).until(() -> gateway.acknowledged() > queuedFrom + 3 * RATE);
                broker.kill(); // what it acknowledged since its last autosave is gone
                long before = gateway.acknowledged();
                broker.start();
                pantau = new PantauProcess(env).start();
                PantauProcess back = pantau;
                await().atMost(Duration.ofSeconds(20)).until(() -> ready(back, "/q/health/group/storage") == 200);
                goesOn(gateway, gateway.acknowledged());
                gateway.finish(Duration.ofSeconds(30));
                long acknowledged = gateway.acknowledged();
                // Everything the broker still had has arrived: nothing waits in Pantau, and nothing more comes.
                long[] last = {-1};
                await().pollInterval(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(90)).until(() -> {
                    long now = stored(db);
                    boolean settled = now == last[0] && backlog(back) == 0;
                    last[0] = now;
                    return settled;
                });
                long lost = acknowledged - stored(db);
                System.out.printf("Broker SIGKILL with a backlog at %d msg/s: %d acknowledged, %d stored, %d lost "
                        + "(%d acknowledged before the kill, %d of them while Pantau was away)%n",
                        RATE, acknowledged, stored(db), lost, before, before - queuedFrom);
                assertThat(lost).as("at most what the broker acknowledged since its last save (every second, and a save "
                        + "takes its time)").isLessThanOrEqualTo(3L * RATE);
                assertThat(db.number("SELECT count(*) - count(DISTINCT (device_id, metric, time)) FROM reading"))
                        .as("none twice").isZero();
            } finally {
                pantau.stop();
            }
        }
    }
}
