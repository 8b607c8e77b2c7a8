package id.bontang.pantau.alarm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The open alarms' counts by severity and the flood state: sent with every alarms message. */
final class AlarmSummary {

    private AlarmSummary() {
    }

    static Map<String, Object> of(AlarmBook book) {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        int suppressed = 0;
        for (Alarm a : book.open()) {
            if (a.annunciated()) {
                bySeverity.merge(String.valueOf(a.severity()), 1, Integer::sum);
            } else {
                suppressed++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", bySeverity);
        m.put("suppressed", suppressed);
        m.put("flood", book.flood(Instant.now()));
        return m;
    }
}
