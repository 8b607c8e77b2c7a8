package id.bontang.pantau.security;

import id.bontang.pantau.store.Store;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a user name and password against the user store ({@code app_user}): bcrypt hashes, a lock-out after
 * {@code pantau.security.lockout-attempts} failures in a row. Called only through {@link PasswordChecks}, which bounds
 * how many run at once.
 *
 * <p>Every refusal costs the same: one read, one bcrypt check (against a decoy hash for an unknown user) and one
 * write, so that the time of an answer does not tell an unknown, disabled or locked-out user from a wrong password.
 * No database connection is held while hashing. While the database cannot be reached, only a user who signed in with
 * a password shortly before signs in, against what the database said then; nobody else, and never with an older
 * password or the environment's.
 */
@Singleton
public class Passwords {

    /**
     * A user whose password was right: the role, and a stamp of the password and role it signed in with, which
     * changes when either does (an open socket signed in with HTTP Basic is checked against it).
     */
    public record Verified(Role role, String stamp) {
    }

    /** Why a sign-in was refused: said to the log and the audit trail, never to the client. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The user store cannot answer now (the database is unreachable or not ready): nobody is signed in. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What the sign-in reads of a user. */
    private record Row(String hash, Role role, boolean disabled, boolean locked) {
    }

    /** A user as the database last said when it signed in, and when. */
    private record Known(Row row, Instant at) {
    }

    /** How old, before the database's last answer, what is known of a user may be to be used in an outage. */
    private static final Duration OUTAGE_KNOWLEDGE = Duration.ofMinutes(1);

    private final Store store;
    private final SecurityConfig config;
    private final AdminBootstrap admin;
    /** Users who signed in with a password, as the database said then: for sign-ins while it cannot be reached. */
    private final Map<String, Known> lastKnown = new ConcurrentHashMap<>();
    /** When the user store last answered. */
    private volatile Instant lastReached;
    /** Wrong passwords while the database cannot be reached (not written anywhere meanwhile), per user. */
    private final Map<String, Integer> outageFailures = new ConcurrentHashMap<>();
    /** Checked against when the user is unknown, so that an unknown name takes as long as a wrong password. */
    private final String decoy = BcryptUtil.bcryptHash(Long.toString(System.nanoTime()));
    /** The in-memory admin's failures in a row and lock, when there is no database. */
    private int adminFailures;
    private Instant adminLockedUntil;

    public Passwords(Store store, SecurityConfig config, AdminBootstrap admin) {
        this.store = store;
        this.config = config;
        this.admin = admin;
    }

    /** The role of {@code username} if {@code password} is right and the user may sign in now. */
    public Verified authenticate(String username, String password) throws Refused {
        if (!store.enabled()) {
            return authenticateInMemory(username, password);
        }
        if (!store.ready()) {
            throw new Unavailable("the user store is not ready: the database has not been reached yet");
        }
        Row row;
        try (Connection c = store.connection()) {
            row = read(c, username);
            lastReached = Instant.now();
            if (!outageFailures.isEmpty()) {
                outageFailures.clear();
            }
        } catch (SQLException e) {
            return duringOutage(username, password, e);
        }
        // Outside the connection: bcrypt takes tens of milliseconds, a burst of sign-ins must not empty the pool.
        boolean right = BcryptUtil.matches(password, row == null ? decoy : row.hash());
        String refusal = row == null ? "unknown user" : row.disabled() ? "disabled" : row.locked() ? "locked out"
                : right ? null : "wrong password";
        try (Connection c = store.connection()) {
            recordAttempt(c, username, refusal == null, "wrong password".equals(refusal));
        } catch (SQLException e) {
            throw unavailable(e);
        }
        if (refusal != null) {
            throw new Refused(refusal);
        }
        remember(username, row);
        return new Verified(row.role(), Users.stamp(row.hash(), row.role()));
    }

    /**
     * The database cannot be reached: a user who signed in with a password on this instance within a minute of the
     * database's last answer is checked against what the database said then (Prometheus, scraping every 15 s, goes on
     * through an outage; so does an admin who was at work); anyone else is refused with 503. Wrong passwords meanwhile
     * count towards a lock-out here. Never an older password than the database's last word, never the environment's.
     */
    private Verified duringOutage(String username, String password, SQLException e) throws Refused {
        Known known = lastKnown.get(username);
        Instant reached = lastReached;
        // Only what the database said shortly before it went away: a password changed through another instance
        // earlier than that is not known here, and must not be taken.
        if (known == null || reached == null || known.at().isBefore(reached.minus(OUTAGE_KNOWLEDGE))) {
            BcryptUtil.matches(password, decoy);
            throw unavailable(e);
        }
        int failures = outageFailures.getOrDefault(username, 0);
        boolean right = BcryptUtil.matches(password, known.row().hash());
        if (failures >= config.lockoutAttempts()) {
            throw new Refused("locked out (wrong passwords while the database is unreachable)");
        }
        if (!right) {
            outageFailures.merge(username, 1, Integer::sum);
            throw new Refused("wrong password (checked against the last known user, the database being unreachable)");
        }
        return new Verified(known.row().role(), Users.stamp(known.row().hash(), known.row().role()));
    }

    private void remember(String username, Row row) {
        if (lastKnown.size() >= 10_000 && !lastKnown.containsKey(username)) {
            lastKnown.clear();
        }
        lastKnown.put(username, new Known(row, Instant.now()));
    }

    private static Unavailable unavailable(SQLException e) {
        Log.warnf("Security: user store unavailable (%s): sign-in refused", e.getMessage());
        return new Unavailable("the user store cannot be reached");
    }

    private static Row read(Connection c, String username) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT password_hash, role, disabled, coalesce(locked_until > now(), false) "
                + "FROM app_user WHERE username = ?")) {
            p.setString(1, username);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new Row(r.getString(1), Role.of(r.getString(2)), r.getBoolean(3), r.getBoolean(4)) : null;
            }
        }
    }

    /**
     * One write for every attempt, committed without waiting for the disk (a lost count of failures is harmless), so
     * that a refusal that counts nothing, or finds no row, answers as fast as one that counts.
     */
    private void recordAttempt(Connection c, String username, boolean right, boolean counts) throws SQLException {
        c.setAutoCommit(false);
        try {
            writeAttempt(c, username, right, counts);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private void writeAttempt(Connection c, String username, boolean right, boolean counts) throws SQLException {
        try (Statement async = c.createStatement()) {
            async.execute("SET LOCAL synchronous_commit TO OFF");
        }
        try (PreparedStatement p = c.prepareStatement(right
                ? "UPDATE app_user SET failed_attempts = 0 WHERE username = ? AND failed_attempts > 0"
                : "UPDATE app_user SET failed_attempts = CASE WHEN NOT ? THEN failed_attempts "
                        + "WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END, "
                        + "locked_until = CASE WHEN ? AND failed_attempts + 1 >= ? THEN now() + ? * INTERVAL '1 second' "
                        + "ELSE locked_until END WHERE username = ?")) {
            if (right) {
                p.setString(1, username);
            } else {
                p.setBoolean(1, counts);
                p.setInt(2, config.lockoutAttempts());
                p.setBoolean(3, counts);
                p.setInt(4, config.lockoutAttempts());
                p.setLong(5, config.lockoutDuration().toSeconds());
                p.setString(6, username);
            }
            p.executeUpdate();
        }
    }

    private synchronized Verified authenticateInMemory(String username, String password) throws Refused {
        String adminHash = admin.memoryHash();
        boolean known = Users.ADMIN.equals(username) && adminHash != null;
        boolean right = BcryptUtil.matches(password, known ? adminHash : decoy);
        if (!known) {
            throw new Refused("unknown user");
        }
        Instant now = Instant.now();
        if (adminLockedUntil != null && now.isBefore(adminLockedUntil)) {
            throw new Refused("locked out until " + adminLockedUntil);
        }
        if (!right) {
            if (++adminFailures >= config.lockoutAttempts()) {
                adminLockedUntil = now.plus(config.lockoutDuration());
                adminFailures = 0;
            }
            throw new Refused("wrong password");
        }
        adminFailures = 0;
        return new Verified(Role.ADMIN, Users.stamp(adminHash, Role.ADMIN));
    }

    /** A user changed (password, role, state): what this instance knew of it is no longer what the database says. */
    void forget(String username) {
        lastKnown.remove(username);
    }
}
