package id.bontang.pantau.alarm;

import id.bontang.pantau.store.Store;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Which {@link AlarmStore}: the database's when there is one, memory when persistence is off. */
@Singleton
final class AlarmStores {

    @Produces
    @Singleton
    AlarmStore alarmStore(Store store) {
        return store.enabled() ? new JdbcAlarmStore(store) : new MemoryAlarmStore();
    }
}
