package id.bontang.pantau.notify;

import id.bontang.pantau.alarm.Alarm;

/** An alarm with what rules match on besides its own fields: its tile's dimension and its area's name. */
record AlarmFacts(Alarm alarm, String dimension, String areaName) {

    int severity() {
        return alarm.severity();
    }

    String rule() {
        return alarm.rule();
    }

    String area() {
        return alarm.area();
    }

    String source() {
        return alarm.source();
    }
}
