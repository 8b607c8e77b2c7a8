package id.bontang.pantau.security;

import id.bontang.pantau.store.Store;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in sessions. The cookie {@value #COOKIE} holds a random token (256 bits); the server keeps only its SHA-256
 * digest with the user, when the session began and when it was last used ({@code app_session}; in memory without a
 * database). Nothing signs or encrypts a cookie, so there is no key to print, to lose at a restart or to share between
 * instances: every instance reads the same table. A session ends at sign-out, when its user's password, role or state
 * changes, after {@code pantau.security.session-idle-timeout} without use, and {@code pantau.security.session-lifetime}
 * after it began.
 */
@Singleton
public class Sessions {

    public static final String COOKIE = "pantau-session";
    static final String PREFIX = "ps_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");
    /** Sessions (without a database) and recent checks kept at most; past it the oldest go first. */
    private static final int MEMORY = 10_000;

    /** Who a session signs in. */
    public record Signed(String username, Role role) {
    }

    /** A session as the server keeps it without a database: never the token. */
    private record Session(Signed user, Instant createdAt, Instant lastSeenAt) {
    }

    /** A session this instance checked, and when ({@link System#nanoTime()}). */
    private record Checked(Signed user, long atNanos) {
    }

    private final Store store;
    private final SecurityConfig config;
    private final Map<String, Session> memory = new ConcurrentHashMap<>();
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    public Sessions(Store store, SecurityConfig config) {
        this.store = store;
        this.config = config;
    }

    /**
     * Opens a session for {@code username}, who signed in with the password and role {@code stamp} stands for: the
     * token for its cookie, which the server does not keep; null when the user changed (or was disabled) meanwhile,
     * so that a sign-in checked just before a password change never outlives it.
     */
    public String open(String username, Role role, String stamp, String address) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String digest = Refusal.sha256(token);
        if (!store.enabled()) {
            if (memory.size() >= MEMORY) {
                memory.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Session::lastSeenAt)))
                        .ifPresent(oldest -> memory.remove(oldest.getKey()));
            }
            memory.put(digest, new Session(new Signed(username, role), Instant.now(), Instant.now()));
            return token;
        }
        // The stamp as Users makes it (the first 16 hex digits of SHA-256 over "<hash>:<role>"), checked in the insert.
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("INSERT INTO app_session "
                + "(token_sha256, username, address) SELECT ?, username, ? FROM app_user WHERE username = ? AND NOT disabled "
                + "AND substr(encode(sha256(convert_to(password_hash || ':' || role, 'UTF8')), 'hex'), 1, 16) = ?")) {
            p.setString(1, digest);
            p.setString(2, address);
            p.setString(3, username);
            p.setString(4, stamp);
            return p.executeUpdate() == 1 ? token : null;
        }
    }

    /**
     * The user of a session that is still open. A session checked here in the last
     * {@code pantau.security.session-recheck} is not read again; while the database cannot be reached, one this
     * instance knew stays open (nobody can end a session meanwhile), and one it did not know cannot be checked
     * ({@link SignInUnavailable}, 503: its cookie is kept).
     */
    public Optional<Signed> user(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        String digest = Refusal.sha256(token);
        Checked seen = checked.get(digest);
        if (seen != null && System.nanoTime() - seen.atNanos() < config.sessionRecheck().toNanos()) {
            return Optional.of(seen.user());
        }
        Optional<Signed> user;
        try {
            user = store.enabled() ? stored(digest) : remembered(digest);
        } catch (SQLException e) {
            Log.debugf("Sessions: not checked (%s)", e.getMessage());
            if (seen == null) { // not known here: neither refused (its cookie stays) nor taken
                throw new SignInUnavailable(SignInUnavailable.STORE, "the session cannot be checked now: the database "
                        + "cannot be reached");
            }
            return Optional.of(seen.user());
        }
        if (user.isEmpty()) {
            checked.remove(digest);
        } else {
            if (checked.size() >= MEMORY) {
                checked.clear();
            }
            checked.put(digest, new Checked(user.get(), System.nanoTime()));
        }
        return user;
    }

    private Optional<Signed> stored(String digest) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("SELECT s.username, u.role, "
                + "s.last_seen_at < now() - INTERVAL '1 minute' FROM app_session s JOIN app_user u USING (username) "
                + "WHERE s.token_sha256 = ? AND NOT u.disabled AND " + open("s"))) {
            p.setString(1, digest);
            bindOpen(p, 2);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Signed signed = new Signed(r.getString(1), Role.of(r.getString(2)));
                if (r.getBoolean(3)) { // used: its idle time starts again (written at most once a minute)
                    touch(c, Set.of(digest));
                }
                return Optional.of(signed);
            }
        }
    }

    private Optional<Signed> remembered(String digest) {
        Session s = memory.get(digest);
        Instant now = Instant.now();
        if (s == null || !openAt(s, now)) {
            memory.remove(digest);
            return Optional.empty();
        }
        memory.put(digest, new Session(s.user(), s.createdAt(), now));
        return Optional.of(s.user());
    }

    private boolean openAt(Session s, Instant now) {
        return s.lastSeenAt().plus(config.sessionIdleTimeout()).isAfter(now) && s.createdAt().plus(config.sessionLifetime()).isAfter(now);
    }

    /** Ends the session of this token (sign-out). */
    public void end(String token) throws SQLException {
        if (!wellFormed(token)) {
            return;
        }
        String digest = Refusal.sha256(token);
        checked.remove(digest);
        memory.remove(digest);
        if (store.enabled()) {
            try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                    "DELETE FROM app_session WHERE token_sha256 = ?")) {
                p.setString(1, digest);
                p.executeUpdate();
            }
        }
    }

    /** Ends every session of {@code username} in the caller's transaction ({@code c}), on every instance. */
    void endAll(Connection c, String username) throws SQLException {
        forget(username);
        try (PreparedStatement p = c.prepareStatement("DELETE FROM app_session WHERE username = ?")) {
            p.setString(1, username);
            p.executeUpdate();
        }
    }

    private void forget(String username) {
        checked.values().removeIf(c -> c.user().username().equals(username));
        memory.values().removeIf(s -> s.user().username().equals(username));
    }

    /** Ends every session of {@code username}, on every instance (within {@code session-recheck}). @return how many */
    public int endAll(String username) throws SQLException {
        checked.values().removeIf(c -> c.user().username().equals(username));
        int ended = 0;
        for (var e : memory.entrySet()) {
            if (e.getValue().user().username().equals(username) && memory.remove(e.getKey()) != null) {
                ended++;
            }
        }
        if (store.enabled()) {
            try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                    "DELETE FROM app_session WHERE username = ?")) {
                p.setString(1, username);
                ended += p.executeUpdate();
            }
        }
        return ended;
    }

    /**
     * Of these session digests (open sockets), those still open; each counts as used. When the database cannot be
     * reached, all of them: nobody can end a session meanwhile.
     */
    public Set<String> stillOpen(Collection<String> digests) {
        if (digests.isEmpty()) {
            return Set.of();
        }
        if (!store.enabled()) {
            Set<String> open = new HashSet<>();
            digests.forEach(d -> {
                Session s = memory.get(d);
                if (s != null && openAt(s, Instant.now())) {
                    memory.put(d, new Session(s.user(), s.createdAt(), Instant.now()));
                    open.add(d);
                }
            });
            return open;
        }
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("SELECT s.token_sha256 FROM app_session s "
                + "JOIN app_user u USING (username) WHERE s.token_sha256 = ANY (?) AND NOT u.disabled AND " + open("s"))) {
            Array array = c.createArrayOf("text", digests.toArray());
            p.setArray(1, array);
            bindOpen(p, 2);
            Set<String> open = new HashSet<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    open.add(r.getString(1));
                }
            }
            touch(c, open);
            return open;
        } catch (SQLException e) {
            Log.debugf("Sessions: sockets not checked (%s)", e.getMessage());
            return new HashSet<>(digests);
        }
    }

    /** The digest an open socket is checked by. */
    public static String digest(String token) {
        return Refusal.sha256(token);
    }

    /** Forgets sessions past their idle time or lifetime. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        memory.entrySet().removeIf(e -> !openAt(e.getValue(), Instant.now()));
        if (store.enabled() && store.ready()) {
            try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                    "DELETE FROM app_session WHERE NOT (" + open("app_session") + ")")) {
                bindOpen(p, 1);
                int gone = p.executeUpdate();
                if (gone > 0) {
                    Log.debugf("Sessions: %d past their idle time or lifetime forgotten", gone);
                }
            } catch (SQLException e) {
                Log.debugf("Sessions: not pruned (%s)", e.getMessage());
            }
        }
    }

    private static String open(String table) {
        return table + ".last_seen_at > now() - ? * INTERVAL '1 second' AND " + table + ".created_at > now() - ? * INTERVAL '1 second'";
    }

    private void bindOpen(PreparedStatement p, int from) throws SQLException {
        p.setLong(from, config.sessionIdleTimeout().toSeconds());
        p.setLong(from + 1, config.sessionLifetime().toSeconds());
    }

    private static void touch(Connection c, Set<String> digests) throws SQLException {
        if (digests.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE app_session SET last_seen_at = now() "
                + "WHERE token_sha256 = ANY (?) AND last_seen_at < now() - INTERVAL '1 minute'")) {
            p.setArray(1, c.createArrayOf("text", digests.toArray()));
            p.executeUpdate();
        }
    }

    /** A token as {@link #open} makes them: anything else is not looked up. */
    static boolean wellFormed(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }
}
