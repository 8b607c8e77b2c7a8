package id.bontang.pantau.alarm;

import id.bontang.pantau.store.Store;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;

/** Closed alarms are history for a while ({@code pantau.alarms.retention}), not for ever; open ones stay. */
@Singleton
class AlarmRetention {

    private final AlarmStore kept;
    private final Store store;
    private final AlarmConfig config;

    AlarmRetention(AlarmStore kept, Store store, AlarmConfig config) {
        this.kept = kept;
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "2m")
    void forgetOldHistory() {
        if (store.enabled() && !store.up()) {
            return;
        }
        try {
            int n = kept.forgetClosedBefore(Instant.now().minus(config.retention()));
            if (n > 0) {
                Log.infof("Alarms: forgot %d alarms closed more than %s ago, with their events", n, config.retention());
            }
        } catch (SQLException e) {
            Log.debugf("Alarms: old history not forgotten this hour: %s", e.getMessage());
        }
    }
}
