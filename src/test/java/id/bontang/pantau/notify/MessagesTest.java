package id.bontang.pantau.notify;

import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.alarm.Alarm;
import id.bontang.pantau.catalog.Title;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verifies the words of a notification in Bahasa Indonesia and English: severity, value and unit, area, the time in
 * WITA, the state, the console link and, only when given, the acknowledgement link; and that the HTML form escapes what
 * an alarm's text holds and makes the links clickable.
 */
class MessagesTest {

    /** Friday 4 December 2026, 01:15 UTC: 09:15 in Bontang. */
    static final Instant RAISED = Instant.parse("2026-12-04T01:15:00Z");
    static final String VIEW = "https://pantau.bontangkota.go.id/console.html?alarm=7";
    static final String ACK = VIEW + "&link=7.1765000000.bm9uY2U.c2lnbmF0dXJl";

    final Messages messages = new Messages(ZoneId.of("Asia/Makassar"));

    static Alarm alarm(int severity, Title message, Double value, String unit, Instant ackAt, String ackBy) {
        return new Alarm(7, "flood-level", "tide-loktuan", "tide-loktuan", "flood.tide-loktuan", "loktuan", severity, message,
                value, unit, true, RAISED, ackAt, ackBy, null, null, null, null, null, null, 1, false, false, 1);
    }

    static AlarmFacts facts(Alarm a) {
        return new AlarmFacts(a, "environment", "Loktuan");
    }

    static final Title TIDE = new Title("Rob tinggi di Loktuan", "High tide in Loktuan");

    @Test
    void verifiesTheIndonesianTextOfARaise() {
        Messages.Text t = messages.one(facts(alarm(3, TIDE, 245.0, "cm", null, null)), Planner.RAISED, false, VIEW, ACK);
        assertThat(t.subject()).isEqualTo("Alarm baru: [TINGGI] Rob tinggi di Loktuan");
        assertThat(t.body()).contains("[TINGGI] Rob tinggi di Loktuan\n", "Nilai: 245 cm\n", "Wilayah: Loktuan\n",
                "Sejak: 4 Des 2026 09:15 WITA\n", "Status: aktif, belum diakui\n", "Buka di konsol: " + VIEW + "\n",
                "Akui: " + ACK + "\n");
        assertThat(t.body()).doesNotContain("High tide", "Value:", "UTC", "01:15");
    }

    @Test
    void verifiesTheEnglishTextOfARaise() {
        Messages.Text t = messages.one(facts(alarm(4, TIDE, 12.5, "m", null, null)), Planner.RAISED, true, VIEW, ACK);
        assertThat(t.subject()).isEqualTo("New alarm: [CRITICAL] High tide in Loktuan");
        assertThat(t.body()).contains("[CRITICAL] High tide in Loktuan\n", "Value: 12.5 m\n", "Area: Loktuan\n",
                "Since: 4 Dec 2026 09:15 WITA\n", "State: active, not acknowledged\n", "Open in the console: " + VIEW + "\n",
                "Acknowledge: " + ACK + "\n");
        assertThat(t.body()).doesNotContain("Rob tinggi", "Nilai:", "Sejak:");
    }

    @Test
    void verifiesThatTheAcknowledgementLinkIsThereOnlyWhenGiven() {
        Alarm a = alarm(3, TIDE, 245.0, "cm", RAISED.plusSeconds(300), "rina");
        Messages.Text id = messages.one(facts(a), Planner.ACKNOWLEDGED, false, VIEW, null);
        assertThat(id.body()).contains("Buka di konsol: " + VIEW).doesNotContain("Akui:", "&link=");
        assertThat(id.body()).contains("Status: aktif, sudah diakui (oleh rina, 4 Des 2026 09:20 WITA)");
        assertThat(id.subject()).startsWith("Diakui: [TINGGI]");
        Messages.Text en = messages.one(facts(a), Planner.ACKNOWLEDGED, true, VIEW, null);
        assertThat(en.body()).contains("Open in the console: " + VIEW).doesNotContain("Acknowledge:", "&link=");
        assertThat(en.body()).contains("State: active, acknowledged (by rina, 4 Dec 2026 09:20 WITA)");
    }

    @Test
    void verifiesThatEachSeverityHasItsWordInBothLanguages() {
        assertThat(List.of(1, 2, 3, 4)).extracting(s -> Messages.severity(s, false))
                .containsExactly("RENDAH", "SEDANG", "TINGGI", "KRITIS");
        assertThat(List.of(1, 2, 3, 4)).extracting(s -> Messages.severity(s, true))
                .containsExactly("LOW", "MEDIUM", "HIGH", "CRITICAL");
    }

    @Test
    void verifiesThatAnEscalationSaysSinceWhenNobodyAcknowledged() {
        Alarm a = alarm(3, TIDE, 245.0, "cm", null, null);
        assertThat(messages.one(facts(a), Planner.ESCALATION, false, VIEW, ACK).body())
                .startsWith("Eskalasi: belum ada yang mengakui sejak 4 Des 2026 09:15 WITA\n");
        assertThat(messages.one(facts(a), Planner.ESCALATION, true, VIEW, ACK).body())
                .startsWith("Escalated: nobody has acknowledged it since 4 Dec 2026 09:15 WITA\n");
        assertThat(messages.one(facts(a), Planner.CLEARED, true, VIEW, null).subject()).startsWith("Cleared: [HIGH]");
    }

    @Test
    void verifiesThatAnAlarmWithoutValueOrAreaLeavesThoseLinesOut() {
        Alarm a = alarm(2, TIDE, null, null, null, null);
        Messages.Text t = messages.one(new AlarmFacts(a, null, null), Planner.RAISED, false, VIEW, null);
        assertThat(t.body()).doesNotContain("Nilai:", "Wilayah:").contains("[SEDANG]");
        Messages.Text unitless = messages.one(facts(alarm(2, TIDE, 3.0, null, null, null)), Planner.RAISED, true, VIEW, null);
        assertThat(unitless.body()).contains("Value: 3\n");
    }

    @Test
    void verifiesThatTheHtmlEscapesTheAlarmsTextAndMakesTheLinksClickable() {
        Title evil = new Title("Rob <script>alert('x')</script> & banjir", "Tide <script>alert('x')</script>");
        Messages.Text t = messages.one(facts(alarm(3, evil, 245.0, "cm", null, null)), Planner.RAISED, false, VIEW, ACK);
        String html = Messages.html(t);
        assertThat(html).doesNotContain("<script>", "</script>");
        assertThat(html).contains("Rob &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; banjir");
        assertThat(html).contains("<p>Buka di konsol: <a href=\"" + VIEW + "\">" + VIEW + "</a></p>");
        String escapedAck = ACK.replace("&", "&amp;");
        assertThat(html).contains("<p>Akui: <a href=\"" + escapedAck + "\">" + escapedAck + "</a></p>");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h2>Alarm baru: [TINGGI] Rob &lt;script&gt;");
    }

    @Test
    void verifiesThatAFloodsDigestFitsOneTelegramMessageAndSaysHowManyMore() {
        Messages m = new Messages(java.time.ZoneId.of("Asia/Makassar"));
        java.util.List<AlarmFacts> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new AlarmFacts(new id.bontang.pantau.alarm.Alarm(i, "flood-level", "s" + i, "tide-" + i, "flood.tide-" + i,
                    "loktuan", 3, new id.bontang.pantau.catalog.Title("Pasut " + i + ": tinggi muka air 245 cm, status Siaga",
                            "Tide " + i + ": 245 cm"), 245.0, "cm", true, java.time.Instant.parse("2026-12-04T01:15:00Z"), null,
                    null, null, null, null, null, null, null, 1, false, false, 1), "environment", "Loktuan"));
        }
        Messages.Text t = m.digest(many, false, "http://pantau.test/console.html");
        assertThat(t.body().length()).isLessThan(TelegramChannel.MAX_TEXT);
        assertThat(t.body()).startsWith("100 perubahan alarm").contains("… dan 75 lagi di konsol");
    }
}
