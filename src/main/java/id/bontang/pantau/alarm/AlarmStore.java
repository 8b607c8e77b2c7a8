package id.bontang.pantau.alarm;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where alarms and their events live: the database ({@link JdbcAlarmStore}), or memory with persistence off
 * ({@link MemoryAlarmStore}). Changes are optimistic: each names the version it was made to, and a store that
 * holds a newer one refuses it, so that two instances acting on one alarm cannot undo each other.
 */
interface AlarmStore {

    /** A source out of service: since when, by whom, why. */
    record OutOfService(String source, Instant since, String actor, String reason) {
    }

    /** What {@link #raise} did: {@code created}, or found the open alarm another instance raised. */
    record Raised(Alarm alarm, boolean created) {
    }

    /**
     * Stores a new alarm (its id is ignored) and its first event. When the rule and subject have an open alarm
     * already (raised by another instance), stores nothing and answers that one.
     */
    Raised raise(Alarm a, AlarmEvent first) throws SQLException;

    /** Stores {@code next}, made to version {@code next.version() - 1}; false when the stored alarm moved on. */
    boolean update(Alarm next, AlarmEvent event) throws SQLException;

    Optional<Alarm> find(long id) throws SQLException;

    List<Alarm> query(AlarmQuery q) throws SQLException;

    List<AlarmEvent> events(long id) throws SQLException;

    /** Alarms changed after {@code since} (the database's clock), for other instances' changes. */
    List<Alarm> changedSince(Instant since) throws SQLException;

    /** The newest change time this store knows, on its own clock. */
    Instant now() throws SQLException;

    Map<String, OutOfService> outOfService() throws SQLException;

    void outOfService(OutOfService o) throws SQLException;

    boolean inService(String source) throws SQLException;

    /** Forgets the alarms closed before {@code before}, with their events; says how many. */
    int forgetClosedBefore(Instant before) throws SQLException;
}
