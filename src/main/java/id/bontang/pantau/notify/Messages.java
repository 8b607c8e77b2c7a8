package id.bontang.pantau.notify;

import id.bontang.pantau.alarm.Alarm;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The words of a notification, in the recipient's language (Bahasa Indonesia unless they chose English): what,
 * where, the value, since when, severity and state, a link to the alarm in the console and, while it waits for
 * someone, a one-click acknowledgement link. Plain text for Telegram and email; {@link #html} for email.
 */
final class Messages {

    /** One rendered message. */
    record Text(String subject, String body) {
    }

    private final ZoneId zone;
    private final String zoneName;

    Messages(ZoneId zone) {
        this.zone = zone;
        this.zoneName = switch (zone.getId()) {
            case "Asia/Makassar" -> "WITA";
            case "Asia/Jakarta" -> "WIB";
            case "Asia/Jayapura" -> "WIT";
            default -> zone.getId();
        };
    }

    Text one(AlarmFacts f, String kind, boolean en, String view, String ack) {
        Alarm a = f.alarm();
        String head = "[" + severity(a.severity(), en) + "] " + (en ? a.message().en() : a.message().id());
        StringBuilder b = new StringBuilder();
        b.append(kindLine(kind, a, en)).append('\n').append(head).append('\n');
        if (a.value() != null) {
            b.append(en ? "Value: " : "Nilai: ").append(value(a)).append('\n');
        }
        if (f.areaName() != null) {
            b.append(en ? "Area: " : "Wilayah: ").append(f.areaName()).append('\n');
        }
        b.append(en ? "Since: " : "Sejak: ").append(time(a.raisedAt(), en)).append('\n');
        b.append(en ? "State: " : "Status: ").append(state(a, en)).append('\n');
        b.append(en ? "Open in the console: " : "Buka di konsol: ").append(view).append('\n');
        if (ack != null) {
            b.append(en ? "Acknowledge: " : "Akui: ").append(ack).append('\n');
        }
        return new Text(kindWord(kind, en) + ": " + head, b.toString());
    }

    /** A digest lists this many changes at most (and how many more), so that it fits one Telegram message. */
    static final int DIGEST_LINES = 25;

    Text digest(List<AlarmFacts> alarms, boolean en, String console) {
        StringBuilder b = new StringBuilder(en ? alarms.size() + " alarm changes (alarm flood or many at once):\n"
                : alarms.size() + " perubahan alarm (banjir alarm atau banyak sekaligus):\n");
        for (AlarmFacts f : alarms.subList(0, Math.min(alarms.size(), DIGEST_LINES))) {
            Alarm a = f.alarm();
            b.append("• [").append(severity(a.severity(), en)).append("] ").append(en ? a.message().en() : a.message().id());
            if (a.value() != null) {
                b.append(" (").append(value(a)).append(')');
            }
            b.append(" — ").append(state(a, en)).append('\n');
        }
        if (alarms.size() > DIGEST_LINES) {
            int more = alarms.size() - DIGEST_LINES;
            b.append(en ? "… and " + more + " more in the console\n" : "… dan " + more + " lagi di konsol\n");
        }
        b.append(en ? "Open the console: " : "Buka konsol: ").append(console).append('\n');
        return new Text(en ? "Pantau: " + alarms.size() + " alarm changes" : "Pantau: " + alarms.size() + " perubahan alarm",
                b.toString());
    }

    /** The daily summary: the day's alarms, newest first, with what became of each. */
    Text summary(List<Alarm> alarms, boolean en, String console) {
        long open = alarms.stream().filter(Alarm::open).count();
        StringBuilder b = new StringBuilder(en
                ? "Alarms of the last 24 hours: " + alarms.size() + ", still open: " + open + "\n"
                : "Alarm 24 jam terakhir: " + alarms.size() + ", masih terbuka: " + open + "\n");
        for (Alarm a : alarms.subList(0, Math.min(alarms.size(), 200))) {
            b.append("• ").append(time(a.raisedAt(), en)).append(" [").append(severity(a.severity(), en)).append("] ")
                    .append(en ? a.message().en() : a.message().id()).append(" — ").append(state(a, en)).append('\n');
        }
        if (alarms.isEmpty()) {
            b.append(en ? "No alarm.\n" : "Tidak ada alarm.\n");
        } else if (alarms.size() > 200) {
            b.append(en ? "… and " + (alarms.size() - 200) + " more in the console\n"
                    : "… dan " + (alarms.size() - 200) + " lagi di konsol\n");
        }
        b.append(en ? "Open the console: " : "Buka konsol: ").append(console).append('\n');
        return new Text(en ? "Pantau: daily summary, " + alarms.size() + " alarms"
                : "Pantau: ringkasan harian, " + alarms.size() + " alarm", b.toString());
    }

    /** The same text as HTML (every line escaped; links made clickable). */
    static String html(Text t) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        h.append("<h2>").append(escape(t.subject())).append("</h2>");
        for (String line : t.body().split("\n")) {
            int url = line.indexOf("http");
            if (url > 0) {
                String link = line.substring(url);
                h.append("<p>").append(escape(line.substring(0, url))).append("<a href=\"").append(escape(link)).append("\">")
                        .append(escape(link)).append("</a></p>");
            } else {
                h.append("<p>").append(escape(line)).append("</p>");
            }
        }
        return h.append("</body></html>").toString();
    }

    static String severity(int s, boolean en) {
        return switch (s) {
            case 4 -> en ? "CRITICAL" : "KRITIS";
            case 3 -> en ? "HIGH" : "TINGGI";
            case 2 -> en ? "MEDIUM" : "SEDANG";
            default -> en ? "LOW" : "RENDAH";
        };
    }

    private static String kindWord(String kind, boolean en) {
        return switch (kind) {
            case Planner.SEVERITY -> en ? "Severity changed" : "Tingkat berubah";
            case Planner.ESCALATION -> en ? "Escalated" : "Eskalasi";
            case Planner.REMINDER -> en ? "Reminder" : "Pengingat";
            case Planner.ACKNOWLEDGED -> en ? "Acknowledged" : "Diakui";
            case Planner.CLEARED -> en ? "Cleared" : "Pulih";
            case Planner.CLOSED -> en ? "Closed" : "Ditutup";
            case Planner.SHELVED -> en ? "Shelved" : "Ditangguhkan";
            default -> en ? "New alarm" : "Alarm baru";
        };
    }

    private String kindLine(String kind, Alarm a, boolean en) {
        return switch (kind) {
            case Planner.ESCALATION -> en ? "Escalated: nobody has acknowledged it since " + time(a.raisedAt(), en)
                    : "Eskalasi: belum ada yang mengakui sejak " + time(a.raisedAt(), en);
            case Planner.REMINDER -> en ? "Reminder: this alarm still needs someone" : "Pengingat: alarm ini masih perlu ditangani";
            default -> kindWord(kind, en).toUpperCase(Locale.ROOT);
        };
    }

    private String state(Alarm a, boolean en) {
        String s = switch (a.state()) {
            case Alarm.ACTIVE_UNACKNOWLEDGED -> en ? "active, not acknowledged" : "aktif, belum diakui";
            case Alarm.ACTIVE_ACKNOWLEDGED -> en ? "active, acknowledged" : "aktif, sudah diakui";
            case Alarm.CLEARED_UNACKNOWLEDGED -> en ? "cleared, not acknowledged" : "pulih, belum diakui";
            case Alarm.CLOSED -> en ? "closed" : "ditutup";
            case Alarm.SHELVED -> en ? "shelved" : "ditangguhkan";
            default -> en ? "out of service" : "tidak beroperasi";
        };
        if (a.acknowledgedBy() != null) {
            s += (en ? " (by " : " (oleh ") + a.acknowledgedBy() + ", " + time(a.acknowledgedAt(), en) + ")";
        }
        return s;
    }

    private static String value(Alarm a) {
        double v = a.value();
        String n = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
        return a.unit() == null ? n : n + " " + a.unit();
    }

    private String time(Instant t, boolean en) {
        return DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", en ? Locale.ENGLISH : Locale.forLanguageTag("id"))
                .format(t.atZone(zone)) + " " + zoneName;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
