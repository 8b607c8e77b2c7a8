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
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The built-in user store, in the database ({@code app_user}): bcrypt hashes, a lock-out after
 * {@code pantau.security.lockout-attempts} failures in a row. {@code PANTAU_ADMIN_PASSWORD} creates or resets
 * {@code admin} once the schema is ready; without a database (or while it is away) that {@code admin} is the
 * only user, kept in memory as a hash.
 */
@Startup
@Singleton
public class Users {

    public static final String ADMIN = "admin";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** A user as the admin sees it: never the hash. */
    public record User(String username, Role role, boolean disabled, Instant lockedUntil) {
    }

    /** Why a sign-in was refused: said to the log and the audit trail, never to the client. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Store store;
    private final SecurityConfig config;
    private volatile String adminHash;
    /** Checked against when the user is unknown, so that an unknown name takes as long as a wrong password. */
    private final String decoy = BcryptUtil.bcryptHash(Long.toString(System.nanoTime()));
    /** The in-memory admin's failures in a row and lock, when there is no database. */
    private int adminFailures;
    private Instant adminLockedUntil;

    public Users(Store store, SecurityConfig config) {
        this.store = store;
        this.config = config;
    }

    @PostConstruct
    void start() {
        config.adminPassword().filter(p -> !p.isBlank()).ifPresent(p -> adminHash = BcryptUtil.bcryptHash(p));
        if (adminHash == null) {
            Log.warn(store.enabled() ? "Security: PANTAU_ADMIN_PASSWORD is not set: only users already in the database can sign in"
                    : "Security: no database and no PANTAU_ADMIN_PASSWORD: nobody can sign in");
        } else if (store.enabled()) {
            store.whenReady(this::resetAdmin);
        } else {
            Log.warn("Security: no database: 'admin' (PANTAU_ADMIN_PASSWORD) is the only user");
        }
    }

    private void resetAdmin() {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("INSERT INTO app_user "
                + "(username, password_hash, role) VALUES (?, ?, 'admin') ON CONFLICT (username) DO UPDATE SET "
                + "password_hash = excluded.password_hash, role = 'admin', disabled = false, failed_attempts = 0, "
                + "locked_until = NULL, updated_at = now()")) {
            p.setString(1, ADMIN);
            p.setString(2, adminHash);
            p.executeUpdate();
            Log.info("Security: user 'admin' created or reset from PANTAU_ADMIN_PASSWORD");
        } catch (SQLException e) {
            Log.errorf("Security: user 'admin' not written (%s); it signs in from memory meanwhile", e.getMessage());
        }
    }

    /** The role of {@code username} if {@code password} is right and the user may sign in now. */
    public Role authenticate(String username, String password) throws Refused {
        if (store.enabled() && store.ready()) {
            try {
                return authenticateStored(username, password);
            } catch (SQLException e) {
                Log.warnf("Security: user store unavailable (%s); only 'admin' can sign in", e.getMessage());
            }
        }
        return authenticateInMemory(username, password);
    }

    private synchronized Role authenticateInMemory(String username, String password) throws Refused {
        if (!ADMIN.equals(username) || adminHash == null) {
            BcryptUtil.matches(password, decoy);
            throw new Refused("unknown user");
        }
        Instant now = Instant.now();
        if (adminLockedUntil != null && now.isBefore(adminLockedUntil)) {
            throw new Refused("locked out until " + adminLockedUntil);
        }
        if (!BcryptUtil.matches(password, adminHash)) {
            if (++adminFailures >= config.lockoutAttempts()) {
                adminLockedUntil = now.plus(config.lockoutDuration());
                adminFailures = 0;
            }
            throw new Refused("wrong password");
        }
        adminFailures = 0;
        return Role.ADMIN;
    }

    private Role authenticateStored(String username, String password) throws SQLException, Refused {
        try (Connection c = store.connection()) {
            String hash;
            Role role;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT password_hash, role, disabled, locked_until > now() FROM app_user WHERE username = ?")) {
                p.setString(1, username);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        BcryptUtil.matches(password, decoy);
                        throw new Refused("unknown user");
                    }
                    if (r.getBoolean(3)) {
                        throw new Refused("disabled");
                    }
                    if (r.getBoolean(4)) {
                        throw new Refused("locked out");
                    }
                    hash = r.getString(1);
                    role = Role.of(r.getString(2));
                }
            }
            boolean right = BcryptUtil.matches(password, hash);
            try (PreparedStatement p = c.prepareStatement(right
                    ? "UPDATE app_user SET failed_attempts = 0 WHERE username = ? AND failed_attempts > 0"
                    : "UPDATE app_user SET failed_attempts = CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END, "
                            + "locked_until = CASE WHEN failed_attempts + 1 >= ? THEN now() + ? * INTERVAL '1 second' "
                            + "ELSE locked_until END WHERE username = ?")) {
                if (right) {
                    p.setString(1, username);
                } else {
                    p.setInt(1, config.lockoutAttempts());
                    p.setInt(2, config.lockoutAttempts());
                    p.setLong(3, config.lockoutDuration().toSeconds());
                    p.setString(4, username);
                }
                p.executeUpdate();
            }
            if (!right) {
                throw new Refused("wrong password");
            }
            return role;
        }
    }

    /** The role of a user who signed in before (the session cookie), if the user may still sign in. */
    public Optional<Role> current(String username) {
        if (store.enabled() && store.ready()) {
            try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                    "SELECT role FROM app_user WHERE username = ? AND NOT disabled")) {
                p.setString(1, username);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.ofNullable(Role.of(r.getString(1))) : Optional.empty();
                }
            } catch (SQLException e) {
                Log.debugf("Security: user store unavailable (%s)", e.getMessage());
            }
        }
        return ADMIN.equals(username) && adminHash != null ? Optional.of(Role.ADMIN) : Optional.empty();
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

    /** Changes what is given (null: unchanged); a new password also unlocks. @return false when there is no such user */
    public boolean change(String username, Role role, Boolean disabled, String password) throws SQLException {
        try (Connection c = database(); PreparedStatement p = c.prepareStatement("UPDATE app_user SET "
                + "role = coalesce(?, role), disabled = coalesce(?, disabled), password_hash = coalesce(?, password_hash), "
                + "failed_attempts = CASE WHEN ? THEN 0 ELSE failed_attempts END, "
                + "locked_until = CASE WHEN ? THEN NULL ELSE locked_until END, updated_at = now() WHERE username = ?")) {
            p.setString(1, role == null ? null : role.code());
            p.setObject(2, disabled);
            p.setString(3, password == null ? null : BcryptUtil.bcryptHash(password));
            p.setBoolean(4, password != null);
            p.setBoolean(5, password != null);
            p.setString(6, username);
            return p.executeUpdate() == 1;
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
