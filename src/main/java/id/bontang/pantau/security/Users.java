package id.bontang.pantau.security;

import id.bontang.pantau.store.Store;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in user store, in the database ({@code app_user}): bcrypt hashes, a lock-out after
 * {@code pantau.security.lockout-attempts} failures in a row. {@code PANTAU_ADMIN_PASSWORD} creates {@code admin}
 * when it is missing (and resets it only with {@code PANTAU_ADMIN_PASSWORD_RESET=true}); without a database that
 * {@code admin} is the only user, kept in memory as a hash. While the database cannot be reached, only a user who
 * signed in with a password shortly before signs in, against what the database said then; nobody else, and never
 * with an older password or the environment's.
 *
 * <p>Every refusal costs the same: one read, one bcrypt check (against a decoy hash for an unknown user) and one
 * write, so that the time of an answer does not tell an unknown, disabled or locked-out user from a wrong password.
 * No database connection is held while hashing.
 */
@Startup
@Singleton
public class Users {

    public static final String ADMIN = "admin";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** A user as the admin sees it: never the hash. */
    public record User(String username, Role role, boolean disabled, Instant lockedUntil) {
    }

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

    private final Store store;
    private final SecurityConfig config;
    private final Sessions sessions;
    /** Users who signed in with a password, as the database said then: for sign-ins while it cannot be reached. */
    private final java.util.Map<String, Known> lastKnown = new java.util.concurrent.ConcurrentHashMap<>();
    /** How old, before the database's last answer, what is known of a user may be to be used in an outage. */
    private static final java.time.Duration OUTAGE_KNOWLEDGE = java.time.Duration.ofMinutes(1);
    /** When the user store last answered. */
    private volatile Instant lastReached;
    /** Wrong passwords while the database cannot be reached (not written anywhere meanwhile), per user. */
    private final java.util.Map<String, Integer> outageFailures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String adminHash;
    /** Checked against when the user is unknown, so that an unknown name takes as long as a wrong password. */
    private final String decoy = BcryptUtil.bcryptHash(Long.toString(System.nanoTime()));
    /** The in-memory admin's failures in a row and lock, when there is no database. */
    private int adminFailures;
    private Instant adminLockedUntil;

    public Users(Store store, SecurityConfig config, Sessions sessions) {
        this.store = store;
        this.config = config;
        this.sessions = sessions;
    }

    @PostConstruct
    void start() {
        String password = config.adminPassword().filter(p -> !p.isBlank()).orElse(null);
        if (!store.enabled()) {
            adminHash = password == null ? null : BcryptUtil.bcryptHash(password);
            Log.warn(password == null ? "Security: no database and no PANTAU_ADMIN_PASSWORD: nobody can sign in"
                    : "Security: no database: 'admin' (PANTAU_ADMIN_PASSWORD) is the only user");
        } else if (password == null) {
            Log.info("Security: PANTAU_ADMIN_PASSWORD is not set: the users in the database sign in");
        } else {
            String hash = BcryptUtil.bcryptHash(password);
            store.whenReady(() -> bootstrapAdmin(hash));
        }
    }

    /** Creates {@code admin} when missing; resets it only when told to (PANTAU_ADMIN_PASSWORD_RESET). */
    private void bootstrapAdmin(String hash) {
        boolean reset = config.adminPasswordReset();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("INSERT INTO app_user "
                + "(username, password_hash, role) VALUES (?, ?, 'admin') ON CONFLICT (username) DO " + (reset ? "UPDATE SET "
                + "password_hash = excluded.password_hash, role = 'admin', disabled = false, failed_attempts = 0, "
                + "locked_until = NULL, updated_at = now()" : "NOTHING"))) {
            p.setString(1, ADMIN);
            p.setString(2, hash);
            boolean written = p.executeUpdate() == 1;
            if (reset) {
                sessions.endAll(ADMIN);
                Log.warn("Security: user 'admin' reset from PANTAU_ADMIN_PASSWORD (PANTAU_ADMIN_PASSWORD_RESET=true): "
                        + "unset PANTAU_ADMIN_PASSWORD_RESET again, or every start resets it");
            } else if (written) {
                Log.info("Security: user 'admin' created from PANTAU_ADMIN_PASSWORD");
            } else {
                Log.info("Security: user 'admin' exists; PANTAU_ADMIN_PASSWORD is not applied again "
                        + "(PANTAU_ADMIN_PASSWORD_RESET=true resets it)");
            }
        } catch (SQLException e) {
            Log.errorf("Security: user 'admin' not written (%s)", e.getMessage());
        }
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
        return new Verified(row.role(), stamp(row.hash(), row.role()));
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
        return new Verified(known.row().role(), stamp(known.row().hash(), known.row().role()));
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
        c.commit();
    }

    private synchronized Verified authenticateInMemory(String username, String password) throws Refused {
        boolean admin = ADMIN.equals(username) && adminHash != null;
        boolean right = BcryptUtil.matches(password, admin ? adminHash : decoy);
        if (!admin) {
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
        return new Verified(Role.ADMIN, stamp(adminHash, Role.ADMIN));
    }

    /** A digest of what a sign-in stands on: it changes with the password or the role. */
    private static String stamp(String hash, Role role) {
        return Refusal.sha256(hash + ":" + role.code()).substring(0, 16);
    }

    /**
     * Of these users (as {@code username:stamp}, the sockets signed in with HTTP Basic), those still enabled with the
     * same password and role. When the database cannot be reached, all of them: nobody can change a user meanwhile.
     */
    public Set<String> stillValid(Collection<String> stamped) {
        if (stamped.isEmpty() || !store.enabled()) {
            return new HashSet<>(stamped);
        }
        Set<String> valid = new HashSet<>();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT username, password_hash, role FROM app_user WHERE username = ANY (?) AND NOT disabled")) {
            p.setArray(1, c.createArrayOf("text", stamped.stream().map(s -> s.substring(0, s.lastIndexOf(':'))).distinct().toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    valid.add(r.getString(1) + ":" + stamp(r.getString(2), Role.of(r.getString(3))));
                }
            }
        } catch (SQLException e) {
            return new HashSet<>(stamped);
        }
        valid.retainAll(stamped);
        return valid;
    }

    public List<User> list() throws SQLException {
        List<User> users = new ArrayList<>();
        try (Connection c = database(); PreparedStatement p = c.prepareStatement(
                "SELECT username, role, disabled, locked_until FROM app_user ORDER BY username");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                Timestamp locked = r.getTimestamp(4);
                users.add(new User(r.getString(1), Role.of(r.getString(2)), r.getBoolean(3),
                        locked == null || locked.toInstant().isBefore(Instant.now()) ? null : locked.toInstant()));
            }
        }
        return users;
    }

    /** @return false when the name is taken */
    public boolean create(String username, Role role, String password) throws SQLException {
        try (Connection c = database(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO app_user (username, password_hash, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, username);
            p.setString(2, BcryptUtil.bcryptHash(password));
            p.setString(3, role.code());
            return p.executeUpdate() == 1;
        }
    }

    /** What {@link #change} did. */
    public enum Changed { CHANGED, NO_SUCH_USER, LAST_ADMIN }

    /**
     * Changes what is given (null: unchanged); a new password also unlocks. A change of password, role or state ends
     * the user's sessions (its open sockets close within {@code pantau.security.socket-recheck}). The last enabled
     * admin cannot be disabled or given another role: nobody could manage users afterwards.
     */
    public Changed change(String username, Role role, Boolean disabled, String password) throws SQLException {
        try (Connection c = database()) {
            c.setAutoCommit(false);
            try {
                // Two admins demoting each other at once must not both succeed: the check and the change are one step.
                try (var lock = c.createStatement()) {
                    lock.execute("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE");
                }
                boolean unadmins = role != null && role != Role.ADMIN || Boolean.TRUE.equals(disabled);
                if (unadmins && lastAdmin(c, username)) {
                    c.rollback();
                    return Changed.LAST_ADMIN;
                }
                int updated;
                if (role != null || disabled != null || password != null) {
                    sessions.endAll(c, username); // in the same transaction: the change and the end of its sessions
                }
                try (PreparedStatement p = c.prepareStatement("UPDATE app_user SET "
                        + "role = coalesce(?, role), disabled = coalesce(?, disabled), password_hash = coalesce(?, password_hash), "
                        + "failed_attempts = CASE WHEN ? THEN 0 ELSE failed_attempts END, "
                        + "locked_until = CASE WHEN ? THEN NULL ELSE locked_until END, updated_at = now() WHERE username = ?")) {
                    p.setString(1, role == null ? null : role.code());
                    p.setObject(2, disabled);
                    p.setString(3, password == null ? null : BcryptUtil.bcryptHash(password));
                    p.setBoolean(4, password != null);
                    p.setBoolean(5, password != null);
                    p.setString(6, username);
                    updated = p.executeUpdate();
                }
                c.commit();
                if (updated == 0) {
                    return Changed.NO_SUCH_USER;
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        lastKnown.remove(username);
        return Changed.CHANGED;
    }

    private static boolean lastAdmin(Connection c, String username) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM app_user WHERE username = ? AND role = 'admin' "
                + "AND NOT disabled) AND NOT EXISTS (SELECT 1 FROM app_user WHERE username <> ? AND role = 'admin' AND NOT disabled)")) {
            p.setString(1, username);
            p.setString(2, username);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    public static boolean validName(String username) {
        return username != null && NAME.matcher(username).matches();
    }

    private Connection database() throws SQLException {
        if (!store.enabled()) {
            throw new SQLException("no database: users are kept in the database (only 'admin' exists without one)");
        }
        return store.connection();
    }
}
