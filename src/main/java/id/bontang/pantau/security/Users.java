package id.bontang.pantau.security;

import id.bontang.pantau.store.Store;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in user store, in the database ({@code app_user}): the admin's list, new users, changes (which end the
 * user's sessions), and the check of the sockets signed in with HTTP Basic. Passwords are checked by
 * {@link Passwords}; {@code admin} is made by {@link AdminBootstrap}.
 */
@Singleton
public class Users {

    public static final String ADMIN = "admin";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** A user as the admin sees it: never the hash. */
    public record User(String username, Role role, boolean disabled, Instant lockedUntil) {
    }

    private final Store store;
    private final Sessions sessions;
    private final Passwords passwords;

    public Users(Store store, Sessions sessions, Passwords passwords) {
        this.store = store;
        this.sessions = sessions;
        this.passwords = passwords;
    }

    /** A digest of what a sign-in stands on: it changes with the password or the role. */
    static String stamp(String hash, Role role) {
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
        passwords.forget(username);
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
