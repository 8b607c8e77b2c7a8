package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.PostgresResource;
import id.bontang.pantau.support.Publisher;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Notifications through the real parts: readings on a real Mosquitto raise alarms of the default rules, stored in the
 * machine's PostgreSQL with their outbox; Pantau tells the rules' recipients by email (a real SMTP server, GreenMail),
 * Telegram and a signed webhook (the tests' own HTTP server standing in for both), escalates, acknowledges from a link
 * once, clears to those told, retries temporary failures and not permanent ones, and holds a recipient to its rate.
 */
@QuarkusTest
@TestProfile(NotifyApplication.class)
@WithTestResource(MosquittoResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(SmtpResource.class)
@WithTestResource(Receivers.class)
class NotificationsTest {

    static final Duration LIVE = Duration.ofSeconds(30);
    static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());

    static void level(Publisher p, String gauge, double cm) {
        long ts = Math.max(CLOCK.incrementAndGet(), System.currentTimeMillis());
        CLOCK.set(ts);
        p.telemetry(gauge, "{\"ts\": " + ts + ", \"values\": {\"level_cm\": " + cm + "}}");
    }

    /** Replaces the admins' settings (made to the version stored now). */
    static void settings(String json) {
        int version = SignIn.admin().get("/api/v1/notifications/settings").then().statusCode(200).extract().path("version");
        SignIn.admin().contentType("application/json").body("{\"version\": " + version + ", \"settings\": " + json + "}")
                .put("/api/v1/notifications/settings").then().statusCode(200);
    }

    static long alarm(String source) {
        return await().atMost(LIVE).until(() -> SignIn.admin().get("/api/v1/alarms?state=open&rule=flood-level&source="
                + source).jsonPath().getList("id", Long.class), ids -> ids.size() == 1).get(0);
    }

    static List<Map<String, Object>> trail(long id) {
        return SignIn.admin().get("/api/v1/notifications/alarms/" + id).then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    static List<Receivers.Request> telegram(String method, String chat) {
        return Receivers.requests("/" + method).stream().filter(r -> r.body().contains("\"chat_id\":\"" + chat + "\""))
                .toList();
    }

    static List<MimeMessage> mails(String to) {
        return SmtpResource.received().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void verifiesAnAlarmToldByEmailTelegramAndASignedWebhookEscalatedAcknowledgedFromItsLinkOnceAndCleared()
            throws Exception {
        Ready.await();
        SignIn.admin().contentType("application/json").body("{\"contacts\": {\"email\": \"admin@pantau.test\", "
                + "\"language\": \"en\"}, \"subscriptions\": []}").put("/api/v1/notifications/me").then().statusCode(200);
        settings("{\"rules\": [{\"id\": \"flood-bpbd\", \"severityAtLeast\": 3, \"rules\": [\"flood-level\"], "
                + "\"areas\": [\"loktuan\"], \"tiers\": [{\"after\": \"0m\", \"to\": [\"telegram:-100777\", "
                + "\"webhook:hook\", \"user:admin\"]}, {\"after\": \"3s\", \"to\": [\"email:kepala@pantau.test\"]}]}], "
                + "\"webhooks\": [{\"id\": \"hook\", \"url\": \"" + Receivers.base() + "/hooks/bpbd\", \"secret\": \"hook\"}]}");
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            level(gauge, "tide-loktuan", 200);
            level(gauge, "tide-loktuan", 245);
            long id = alarm("tide-loktuan");

            // Telegram: one message to the group, in Bahasa Indonesia, with the facts and a link to acknowledge.
            await().atMost(LIVE).until(() -> telegram("sendMessage", "-100777").size() == 1);
            String text = telegram("sendMessage", "-100777").get(0).body();
            assertThat(text).contains("TINGGI").contains("245").contains("Loktuan").contains("aktif, belum diakui")
                    .contains("http://pantau.test/console.html?alarm=" + id);
            assertThat(Receivers.requests("/bot" + Receivers.TOKEN + "/sendMessage")).isNotEmpty();

            // The webhook: a JSON POST, signed as Standard Webhooks says, its id kept for the receiver to drop repeats.
            await().atMost(LIVE).until(() -> !Receivers.requests("/hooks/bpbd").isEmpty());
            Receivers.Request hook = Receivers.requests("/hooks/bpbd").get(0);
            assertThat(hook.header("webhook-signature")).isEqualTo("v1," + hmac(NotifyApplication.HOOK_SECRET,
                    hook.header("webhook-id") + "." + hook.header("webhook-timestamp") + "." + hook.body()));
            assertThat(Long.parseLong(hook.header("webhook-timestamp"))).isCloseTo(System.currentTimeMillis() / 1000,
                    org.assertj.core.data.Offset.offset(60L));
            JsonPath event = new JsonPath(hook.body());
            assertThat(event.getString("type")).isEqualTo("alarm.raised");
            assertThat(event.getLong("data.alarm.id")).isEqualTo(id);
            assertThat(event.getInt("data.alarm.severity")).isEqualTo(3);

            // Email to the admin (a user: their own contact point, in the language they chose), text and HTML.
            await().atMost(LIVE).until(() -> mails("admin@pantau.test").size() == 1);
            MimeMessage mail = mails("admin@pantau.test").get(0);
            assertThat(mail.getSubject()).contains("HIGH").contains("245");
            String raw = new String(mail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(raw).contains("Open in the console").contains("text/html");

            // Tier 2: unacknowledged after 3 s, the head of the office is told.
            await().atMost(LIVE).until(() -> mails("kepala@pantau.test").size() == 1);
            assertThat(mails("kepala@pantau.test").get(0).getSubject()).startsWith("Eskalasi");

            // Acknowledged from the link in the Telegram message, once.
            Matcher link = Pattern.compile("link=([A-Za-z0-9_.-]+)").matcher(text);
            assertThat(link.find()).isTrue();
            SignIn.admin().contentType("application/json").body("{}").post("/api/v1/notifications/links/" + link.group(1))
                    .then().statusCode(200).body("acknowledgedBy", org.hamcrest.Matchers.equalTo("admin"));
            SignIn.admin().contentType("application/json").body("{}").post("/api/v1/notifications/links/" + link.group(1))
                    .then().statusCode(409).body("reason", org.hamcrest.Matchers.equalTo("link-used"));
            SignIn.admin().contentType("application/json").body("{}").post("/api/v1/notifications/links/" + id + ".1.x.y")
                    .then().statusCode(400);
            // The Telegram message is edited to show it acknowledged; the webhook hears of it; email does not.
            await().atMost(LIVE).until(() -> telegram("editMessageText", "-100777").stream()
                    .anyMatch(r -> r.body().contains("sudah diakui")));

            // Cleared: those told hear of it (the alarm was acknowledged, so it closes at once).
            level(gauge, "tide-loktuan", 150);
            await().atMost(LIVE).until(() -> mails("admin@pantau.test").size() == 2);
            assertThat(mails("admin@pantau.test").get(1).getSubject()).startsWith("Cleared");
            await().atMost(LIVE).until(() -> telegram("sendMessage", "-100777").stream()
                    .anyMatch(r -> r.body().contains("PULIH") && r.body().contains("reply_parameters")));
            await().atMost(LIVE).until(() -> Receivers.requests("/hooks/bpbd").stream()
                    .anyMatch(r -> r.body().contains("\"alarm.cleared\"")));

            // The trail: who was told, by which channel, and that it arrived.
            List<Map<String, Object>> trail = trail(id);
            assertThat(trail).allSatisfy(d -> assertThat(d.get("state")).isEqualTo("sent"));
            assertThat(trail).extracting(d -> d.get("channel") + " " + d.get("kind")).contains("telegram raised",
                    "webhook raised", "email raised", "email escalation", "telegram acknowledged", "webhook acknowledged",
                    "telegram cleared", "webhook cleared", "email cleared");
            assertThat(trail).noneMatch(d -> d.get("channel").equals("email") && d.get("kind").equals("acknowledged"));
        }
    }

    @Test
    void verifiesTheDailySummaryByEmailToTheUsersWhoAskedAndTheAdminsList() throws Exception {
        Ready.await(); // the day's alarms are those the other tests raise (none, when this one runs first)
        SignIn.admin().contentType("application/json").body("{\"contacts\": {\"email\": \"pagi@pantau.test\", \"language\": "
                + "\"en\", \"dailySummary\": true}, \"subscriptions\": []}").put("/api/v1/notifications/me").then()
                .statusCode(200).body("contacts.dailySummary", org.hamcrest.Matchers.equalTo(true));
        settings("{\"rules\": [], \"dailySummary\": {\"at\": \"07:00\", \"to\": [\"email:walikota@pantau.test\"]}}");
        SignIn.admin().post("/api/v1/notifications/daily-summary").then().statusCode(200)
                .body("sent", org.hamcrest.Matchers.equalTo(2)).body("failed", org.hamcrest.Matchers.equalTo(0));
        await().atMost(LIVE).until(() -> mails("pagi@pantau.test").size() == 1 && mails("walikota@pantau.test").size() == 1);
        MimeMessage mine = mails("pagi@pantau.test").get(0);
        assertThat(mine.getSubject()).startsWith("Pantau: daily summary");
        String text = new String(mine.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int day = SignIn.admin().get("/api/v1/alarms?from=" + java.time.Instant.now().minusSeconds(86_400)).jsonPath()
                .getList("id").size();
        assertThat(text).contains("Alarms of the last 24 hours: ").contains("Open the console: http://pantau.test/console.html");
        assertThat(text.contains("No alarm.")).isEqualTo(day == 0);
        assertThat(mails("walikota@pantau.test").get(0).getSubject()).startsWith("Pantau: ringkasan harian");
        // Asking for it needs an address to send it to.
        SignIn.admin().contentType("application/json").body("{\"contacts\": {\"dailySummary\": true}}")
                .put("/api/v1/notifications/me").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("contacts.dailySummary"));
        SignIn.admin().contentType("application/json").body("{\"contacts\": {\"email\": \"admin@pantau.test\", \"language\": "
                + "\"en\"}, \"subscriptions\": []}").put("/api/v1/notifications/me").then().statusCode(200);
    }

    @Test
    void verifiesThatBadSettingsGetA400NamingTheFieldAndKeepTheStoredOnes() {
        Ready.await();
        int version = SignIn.admin().get("/api/v1/notifications/settings").then().statusCode(200).extract().path("version");
        SignIn.admin().contentType("application/json").body("{\"version\": " + version + ", \"settings\": {\"rules\": [null]}}")
                .put("/api/v1/notifications/settings").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("rules[0]"));
        SignIn.admin().contentType("application/json").body("{\"version\": " + version + ", \"setting\": {\"rules\": []}}")
                .put("/api/v1/notifications/settings").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("settings"));
        SignIn.admin().contentType("application/json").body("{\"version\": " + version + ", \"settings\": {\"rules\": [{\"id\": "
                + "\"x\", \"tiers\": [{\"to\": [\"group:nobody\"]}]}]}}").put("/api/v1/notifications/settings").then()
                .statusCode(400).body("field", org.hamcrest.Matchers.equalTo("rules[0].tiers[0].to[0]"))
                .body("detail", org.hamcrest.Matchers.containsString("no group 'nobody'"));
        SignIn.admin().contentType("application/json").body("{\"version\": " + version + ", \"settings\": {\"dailySummary\": "
                + "{\"at\": \"07:00\", \"to\": [\"telegram:-100\"]}}}").put("/api/v1/notifications/settings").then()
                .statusCode(400).body("field", org.hamcrest.Matchers.equalTo("dailySummary.to[0]"));
        SignIn.admin().contentType("application/json").body("{\"version\": " + (version + 7) + ", \"settings\": {}}")
                .put("/api/v1/notifications/settings").then().statusCode(409);
        SignIn.admin().contentType("application/json").body("{\"contacts\": {\"telegram\": \"@andi\"}, \"subscriptions\": "
                + "[null]}").put("/api/v1/notifications/me").then().statusCode(400);
        assertThat(SignIn.admin().get("/api/v1/notifications/settings").then().extract().<Integer>path("version"))
                .isEqualTo(version);
    }

    @Test
    void verifiesTemporaryFailuresAreRetriedWithTheProvidersWaitAndPermanentOnesAreNot() {
        Ready.await();
        Receivers.script("/hooks/flaky", Receivers.Answer.of(500, "{\"error\":\"down\"}"), Receivers.Answer.silent());
        Receivers.script("\"chat_id\":\"-100888\"", Receivers.Answer.of(429, "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 2\",\"parameters\":{\"retry_after\":2}}"));
        settings("{\"rules\": [{\"id\": \"kuala\", \"areas\": [\"bontang-kuala\"], \"tiers\": [{\"to\": "
                + "[\"webhook:flaky\", \"telegram:-100888\", \"email:nobody@pantau.test\"]}]}], \"webhooks\": [{\"id\": "
                + "\"flaky\", \"url\": \"" + Receivers.base() + "/hooks/flaky\", \"secret\": \"plain\"}]}");
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            level(gauge, "tide-bontang-kuala", 200);
            level(gauge, "tide-bontang-kuala", 245);
            long id = alarm("tide-bontang-kuala");
            // The webhook: 500, then no answer within the timeout, then 204: three tries, one message.
            await().atMost(LIVE).until(() -> trail(id).stream().anyMatch(d -> d.get("channel").equals("webhook")
                    && d.get("state").equals("sent")));
            Map<String, Object> hook = trail(id).stream().filter(d -> d.get("channel").equals("webhook")).findFirst()
                    .orElseThrow();
            assertThat(hook.get("attempts")).isEqualTo(3);
            assertThat((List<Map<String, Object>>) hook.get("tries")).extracting(t -> t.get("outcome"))
                    .containsExactly("retry", "retry", "sent");
            assertThat(Receivers.requests("/hooks/flaky")).hasSize(3)
                    .extracting(r -> r.header("webhook-id")).containsOnly(Receivers.requests("/hooks/flaky").get(0)
                            .header("webhook-id"));
            // Telegram's 429 with retry_after 2: waited at least that long, then sent.
            await().atMost(LIVE).until(() -> trail(id).stream().anyMatch(d -> d.get("channel").equals("telegram")
                    && d.get("state").equals("sent")));
            List<Receivers.Request> sends = telegram("sendMessage", "-100888");
            assertThat(sends).hasSize(2);
            assertThat(Duration.between(sends.get(0).at(), sends.get(1).at())).as("waited as Telegram asked")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
        // A chat that does not exist: 400, failed at once, never tried again.
        Receivers.script("\"chat_id\":\"-100999\"", Receivers.Answer.of(400, "{\"ok\":false,\"error_code\":400,"
                + "\"description\":\"Bad Request: chat not found\"}"));
        settings("{\"rules\": [{\"id\": \"nochat\", \"areas\": [\"tanjung-laut-indah\"], \"tiers\": [{\"to\": "
                + "[\"telegram:-100999\"]}]}]}");
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            level(gauge, "tide-tanjung-laut-indah", 200);
            level(gauge, "tide-tanjung-laut-indah", 245);
            long id = alarm("tide-tanjung-laut-indah");
            await().atMost(LIVE).until(() -> trail(id).stream().anyMatch(d -> d.get("state").equals("failed")));
            Map<String, Object> failed = trail(id).get(0);
            assertThat(failed.get("result").toString()).contains("chat not found");
            assertThat(failed.get("attempts")).isEqualTo(1);
            assertThat(telegram("sendMessage", "-100999")).hasSize(1);
        }
    }

    @Test
    void verifiesARecipientGetsAtMostItsRateAndWhatWaitsArrivesAsOneDigest() {
        Ready.await();
        settings("{\"rules\": [{\"id\": \"api-api\", \"sources\": [\"awlr-api-api\"], \"tiers\": [{\"to\": "
                + "[\"telegram:-100444\"]}]}]}");
        try (Publisher gauge = new Publisher(MosquittoResource.url())) {
            // Raised at Waspada, then five changes of severity within a second or two: six messages' worth.
            for (double cm : new double[] {120, 160, 210, 160, 210, 160}) {
                level(gauge, "awlr-api-api", cm);
                double expected = cm;
                await().atMost(LIVE).until(() -> SignIn.admin().get("/api/v1/alarms?state=open&rule=flood-level&source="
                        + "awlr-api-api").jsonPath().getList("value", Double.class).contains(expected));
            }
            long id = alarm("awlr-api-api");
            // What the limit held goes as one digest once the window lets it (3 per 12 s here).
            await().atMost(Duration.ofSeconds(60)).until(() -> telegram("sendMessage", "-100444").stream()
                    .anyMatch(r -> r.body().contains("perubahan alarm")));
            await().atMost(LIVE).until(() -> trail(id).stream().allMatch(d -> d.get("state").equals("sent")));
            List<Receivers.Request> sent = telegram("sendMessage", "-100444");
            for (Receivers.Request r : sent) {
                long inWindow = sent.stream().filter(o -> !o.at().isBefore(r.at()) && o.at().isBefore(r.at().plusSeconds(11)))
                        .count();
                assertThat(inWindow).as("messages to one recipient within 12 s").isLessThanOrEqualTo(3);
            }
            assertThat(trail(id)).hasSize(6).anyMatch(d -> d.get("result").toString().startsWith("sent in a digest of"));
        }
    }
}
