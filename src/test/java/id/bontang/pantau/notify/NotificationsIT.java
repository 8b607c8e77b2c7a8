package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.bontang.pantau.support.Mosquitto;
import id.bontang.pantau.support.PantauProcess;
import id.bontang.pantau.support.Postgres;
import id.bontang.pantau.support.Publisher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Two packaged instances, one database, an alarm flood: every planned message is sent once, by one instance, and when
 * the instance sending one is killed (-9) in the middle of the request, the other resumes it after the claim runs out:
 * that message arrives at most once more (the same webhook-id, so that the receiver can tell), the trail says so, and
 * nothing is lost or sent twice besides.
 */
class NotificationsIT {

    private static final String[] GAUGES = {"tide-loktuan", "tide-bontang-kuala", "tide-tanjung-laut-indah",
        "awlr-sungai-km5", "awlr-api-api"};
    /** Waspada, Siaga, Awas of each gauge, and back: four changes of severity per cycle. */
    private static final double[][] CYCLE = {{225, 245, 265, 245}, {225, 245, 265, 245}, {225, 245, 265, 245},
        {160, 210, 310, 210}, {110, 160, 210, 160}};

    private final List<String> hookIds = new CopyOnWriteArrayList<>();
    /** Each change a webhook carried, by its own id (a digest's changes, or the single message's). */
    private final List<String> changeIds = new CopyOnWriteArrayList<>();
    private final AtomicLong telegramSends = new AtomicLong();
    private final AtomicBoolean stall = new AtomicBoolean();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());

    private void receive(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (x.getRequestURI().getPath().startsWith("/hook")) {
            hookIds.add(x.getRequestHeaders().getFirst("webhook-id"));
            com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("data");
            if (data.has("changes")) {
                data.get("changes").forEach(c -> changeIds.add(c.get("id").asText()));
            } else {
                changeIds.add(data.get("id").asText());
            }
            if (stall.getAndSet(false)) {
                stalled.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS); // the sender is killed while it waits here
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(x, 204, "");
        } else {
            if (body.contains("sendMessage") || x.getRequestURI().getPath().endsWith("/sendMessage")) {
                telegramSends.incrementAndGet();
            }
            answer(x, 200, "{\"ok\":true,\"result\":{\"message_id\":" + System.nanoTime() + "}}");
        }
    }

    private static void answer(HttpExchange x, int status, String body) {
        try {
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            x.getResponseBody().write(out);
        } catch (IOException e) {
            // the sender is gone
        }
        x.close();
    }

    @Test
    void verifiesEveryMessageOfAFloodIsSentOnceAndAKilledSendersMessageAtMostOnceMore() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.createContext("/", this::receive);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (Mosquitto broker = new Mosquitto().start(); Postgres db = new Postgres()) {
            Map<String, String> env = PantauProcess.env(Map.of("PANTAU_NOTIFY_WEBHOOK_SECRETS", "hook=" + NotifyApplication.HOOK_SECRET,
                    "PANTAU_NOTIFY_TELEGRAM_API", base + "/telegram", "PANTAU_NOTIFY_TELEGRAM_TOKEN", "1:it-token",
                    "PANTAU_NOTIFY_LEASE", "PT5S", "PANTAU_NOTIFY_POLL", "PT0.2S", "PANTAU_NOTIFY_RATE_PER_RECIPIENT", "100000",
                    "PANTAU_NOTIFY_DIGEST_EVERY", "PT1S", "PANTAU_ALARMS_FLOOD_COUNT", "3"));
            PantauProcess a = new PantauProcess(PantauProcess.env(PantauProcess.storing(broker, db, "a"), env,
                    Map.of("PANTAU_MQTT_INSTANCE_INDEX", "0", "PANTAU_MQTT_INSTANCE_COUNT", "2"))).start();
            PantauProcess b = new PantauProcess(PantauProcess.env(PantauProcess.storing(broker, db, "b"), env,
                    Map.of("PANTAU_MQTT_INSTANCE_INDEX", "1", "PANTAU_MQTT_INSTANCE_COUNT", "2"))).start();
            try {
                a.admin().contentType("application/json").body("{\"version\": 0, \"settings\": {\"rules\": [{\"id\": "
                        + "\"all-floods\", \"rules\": [\"flood-level\"], \"tiers\": [{\"to\": [\"webhook:hook\", "
                        + "\"telegram:-1001\"]}]}], \"webhooks\": [{\"id\": \"hook\", \"url\": \"" + base + "/hook\", "
                        + "\"secret\": \"hook\"}]}}").put("/api/v1/notifications/settings").then().statusCode(200);
                PantauProcess[] alive = {a};
                try (Publisher p = new Publisher(broker.url())) {
                    for (int round = 0; round < 6; round++) {
                        if (round == 2) {
                            stall.set(true); // the next webhook request hangs; its sender is killed while it waits
                        }
                        for (int g = 0; g < GAUGES.length; g++) {
                            for (double cm : CYCLE[g]) {
                                level(p, GAUGES[g], cm);
                                String tile = "flood." + GAUGES[g];
                                await().atMost(Duration.ofSeconds(10)).until(() -> alive[0].http().get("/api/v1/tiles")
                                        .jsonPath().getDouble("find { it.id == '" + tile + "' }.value") == cm);
                            }
                        }
                        if (round == 2) {
                            assertThat(stalled.await(20, TimeUnit.SECONDS)).isTrue();
                            String sender = db.text("SELECT claimed_by FROM notify_delivery WHERE state = 'sending' "
                                    + "AND channel = 'webhook' LIMIT 1");
                            (sender.startsWith("a/") ? a : b).kill();
                            alive[0] = sender.startsWith("a/") ? b : a;
                            release.countDown();
                        }
                    }
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> db.number(
                        "SELECT count(*) FROM alarm_outbox WHERE taken_at IS NULL") == 0 && db.number(
                        "SELECT count(*) FROM notify_delivery WHERE state IN ('pending', 'sending')") == 0);

                long deliveries = db.number("SELECT count(*) FROM notify_delivery");
                long resumed = db.number("SELECT count(*) FROM notify_attempt WHERE outcome = 'resumed'");
                System.out.printf("NotificationsIT: %d messages planned, %d resumed after the kill, %d webhooks received for %d "
                        + "distinct ids carrying %d changes (%d distinct), %d Telegram sends%n", deliveries, resumed, hookIds.size(),
                        hookIds.stream().distinct().count(), changeIds.size(), changeIds.stream().distinct().count(),
                        telegramSends.get());
                assertThat(deliveries).as("a flood's worth of messages").isGreaterThan(60);
                assertThat(db.number("SELECT count(*) FROM notify_delivery WHERE state <> 'sent'")).isZero();
                assertThat(db.number("SELECT count(*) FROM (SELECT delivery_id FROM notify_attempt WHERE outcome = 'sent' "
                        + "GROUP BY delivery_id HAVING count(*) > 1) twice")).as("sent twice by the instances").isZero();
                assertThat(resumed).as("the killed sender's claim, resumed").isBetween(1L, 20L);
                // Every message the outbox says was sent arrived; what arrived more than once is what was resumed.
                List<String> sentIds = db.texts("SELECT DISTINCT message FROM notify_delivery WHERE channel = 'webhook'");
                assertThat(hookIds).containsAll(sentIds);
                long webhooks = db.number("SELECT count(*) FROM notify_delivery WHERE channel = 'webhook'");
                assertThat(changeIds.stream().distinct().count()).as("every change by webhook, once at least").isEqualTo(webhooks);
                assertThat(changeIds.size() - webhooks).as("changes received twice").isLessThanOrEqualTo(resumed);
                long telegramMessages = db.number("SELECT count(DISTINCT message) FROM notify_delivery WHERE channel = 'telegram'");
                assertThat(telegramSends.get()).isBetween(telegramMessages, telegramMessages + resumed);
                assertThat(db.number("SELECT count(*) FROM notify_delivery WHERE kind = 'digest' OR result LIKE 'sent in a "
                        + "digest%'")).as("digests during the flood").isPositive();
            } finally {
                a.stop();
                b.stop();
            }
        } finally {
            release.countDown();
            receiver.stop(0);
        }
    }

    private void level(Publisher p, String gauge, double cm) {
        long ts = Math.max(clock.incrementAndGet(), System.currentTimeMillis());
        clock.set(ts);
        p.telemetry(gauge, "{\"ts\": " + ts + ", \"values\": {\"level_cm\": " + cm + "}}");
    }
}
