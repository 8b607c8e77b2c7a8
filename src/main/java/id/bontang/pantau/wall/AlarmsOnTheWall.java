package id.bontang.pantau.wall;

import id.bontang.pantau.alarm.AlarmEngine;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * Puts the alarms on the walls: every change the alarm engine announces becomes an {@code alarms} message of the hub.
 * A bean of its own because the alarm engine asks the walls' health (which reads the hub) for frozen walls: the hub
 * itself cannot wait for the alarm engine to be built.
 */
@Startup
@Singleton
class AlarmsOnTheWall {

    AlarmsOnTheWall(TileHub hub, AlarmEngine alarms) {
        alarms.listen((changed, summary) -> hub.publishAlarms(
                changed.stream().map(a -> new WallAlarm(String.valueOf(a.id()), a.open(), a)).toList(), summary));
    }
}
