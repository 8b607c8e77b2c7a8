package id.bontang.pantau.security;

import id.bontang.pantau.store.Store;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Display credentials: a video wall cannot type a password every morning. The admin creates one with a label
 * ("Wall left"); its token (256 random bits) is shown once and stored as a SHA-256 digest (a token this long
 * needs no slow hash); a kiosk exchanges it once for a display cookie. Revoked at once; last seen every minute.
 */
@Singleton
public class Displays {

    public static final String PREFIX = "pd_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A display as the console lists it: never the token. */
    public record Display(String id, String label, Instant createdAt, String createdBy, Instant revokedAt,
            Instant lastSeenAt, String lastAddress) {
    }

    /** A display that signed in: its id and label. */
    public record Signed(String id, String label) {
    }

    /** A new display and its token, which is not kept. */
    public record Created(Display display, String token) {
    }

    private final Store store;
    /** Displays this instance signed in, by token digest: for a database outage. */
    private final java.util.Map<String, Signed> known = new java.util.concurrent.ConcurrentHashMap<>();

    public Displays(Store store) {
        this.store = store;
    }

    public Created create(String label, String by) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        String displayId = HexFormat.of().formatHex(id);
        try (Connection c = database(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO display (id, label, token_sha256, created_by) VALUES (?, ?, ?, ?) RETURNING created_at")) {
            p.setString(1, displayId);
            p.setString(2, label);
            p.setString(3, Refusal.sha256(token));
            p.setString(4, by);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return new Created(new Display(displayId, label, r.getTimestamp(1).toInstant(), by, null, null, null), token);
            }
        }
    }

    public List<Display> list() throws SQLException {
        List<Display> displays = new ArrayList<>();
        try (Connection c = database(); PreparedStatement p = c.prepareStatement("SELECT id, label, created_at, created_by, "
                + "revoked_at, last_seen_at, last_address FROM display ORDER BY created_at"); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                displays.add(new Display(r.getString(1), r.getString(2), instant(r.getTimestamp(3)), r.getString(4),
                        instant(r.getTimestamp(5)), instant(r.getTimestamp(6)), r.getString(7)));
            }
        }
        return displays;
    }

    /** @return false when there is no such display, or it was revoked before */
    public boolean revoke(String id) throws SQLException {
        try (Connection c = database(); PreparedStatement p = c.prepareStatement(
                "UPDATE display SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            p.setString(1, id);
            known.values().removeIf(d -> d.id().equals(id));
            return p.executeUpdate() == 1;
        }
    }

    /**
     * The display this token belongs to, if it is not revoked; notes when and from where it was seen. While the
     * database cannot be reached, a display this instance signed in before goes on (nobody can revoke it meanwhile);
     * another cannot be checked: {@link SignInUnavailable}, so that a kiosk keeps its token and tries again.
     */
    public Optional<Signed> authenticate(String token, String address) {
        if (token == null || !token.startsWith(PREFIX) || !store.enabled()) {
            return Optional.empty();
        }
        String digest = Refusal.sha256(token);
        try {
            if (!store.ready()) {
                throw new SQLException("the schema is not ready");
            }
            Optional<Signed> signed = stored(digest, address);
            if (signed.isPresent()) {
                if (known.size() >= 10_000) {
                    known.clear();
                }
                known.put(digest, signed.get());
            } else {
                known.remove(digest);
            }
            return signed;
        } catch (SQLException e) {
            Signed before = known.get(digest);
            if (before == null) {
                throw new SignInUnavailable(SignInUnavailable.STORE, "the display cannot be checked now: the database "
                        + "cannot be reached");
            }
            return Optional.of(before);
        }
    }

    private Optional<Signed> stored(String digest, String address) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("UPDATE display SET "
                + "last_seen_at = CASE WHEN last_seen_at IS NULL OR last_seen_at < now() - INTERVAL '1 minute' THEN now() "
                + "ELSE last_seen_at END, last_address = ? WHERE token_sha256 = ? AND revoked_at IS NULL RETURNING id, label")) {
            p.setString(1, address);
            p.setString(2, digest);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new Signed(r.getString(1), r.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * Of these display ids (open sockets), those not revoked. When the database cannot be reached, all of them:
     * nobody can revoke one meanwhile.
     */
    public java.util.Set<String> stillActive(java.util.Set<String> ids) {
        if (!store.enabled()) {
            return java.util.Set.of();
        }
        java.util.Set<String> active = new java.util.HashSet<>();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT id FROM display WHERE id = ANY (?) AND revoked_at IS NULL")) {
            p.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    active.add(r.getString(1));
                }
            }
            return active;
        } catch (SQLException e) {
            return ids;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private Connection database() throws SQLException {
        if (!store.enabled()) {
            throw new SQLException("no database: display credentials are kept in the database");
        }
        return store.connection();
    }
}
