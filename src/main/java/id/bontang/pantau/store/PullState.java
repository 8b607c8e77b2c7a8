package id.bontang.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A pull feed's lease and place in the {@code connector_state} table: with several instances exactly one polls a feed
 * (the one whose lease is current), and the watermark, ETag and Last-Modified survive restarts and hand-overs.
 */
public final class PullState {

    /** Where a feed got to. */
    public record Place(String watermark, String etag, String lastModified) {
    }

    private PullState() {
    }

    /**
     * Takes or renews the lease of {@code connector} for {@code holder}: granted when nobody holds it, it has run out,
     * or the holder is this one.
     *
     * @return the feed's place when the lease is this holder's, empty when another instance polls it
     */
    public static Optional<Place> lease(Connection c, String connector, String holder, Duration lease) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO connector_state (connector) VALUES (?) ON CONFLICT (connector) DO NOTHING")) {
            insert.setString(1, connector);
            insert.executeUpdate();
        }
        try (PreparedStatement take = c.prepareStatement("UPDATE connector_state SET holder = ?, lease_until = now() + ? * "
                + "interval '1 millisecond' WHERE connector = ? AND (holder IS NULL OR holder = ? OR lease_until < now()) "
                + "RETURNING watermark, etag, last_modified")) {
            take.setString(1, holder);
            take.setLong(2, lease.toMillis());
            take.setString(3, connector);
            take.setString(4, holder);
            try (ResultSet rs = take.executeQuery()) {
                return rs.next() ? Optional.of(new Place(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    /** Records where the feed got to, once what it brought is stored; only while this holder's lease is current. */
    public static boolean advance(Connection c, String connector, String holder, Place place, Instant success)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE connector_state SET watermark = ?, etag = ?, last_modified = ?, "
                + "last_success = ? WHERE connector = ? AND holder = ?")) {
            s.setString(1, place.watermark());
            s.setString(2, place.etag());
            s.setString(3, place.lastModified());
            s.setTimestamp(4, Timestamp.from(success));
            s.setString(5, connector);
            s.setString(6, holder);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Keeps the lease while the holder waits (a back-off, a server's Retry-After), so that another instance does not
     * poll at once, and hammer a server that asked to be left alone.
     */
    public static void extend(Connection c, String connector, String holder, Duration until) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE connector_state SET lease_until = now() + ? * "
                + "interval '1 millisecond' WHERE connector = ? AND holder = ?")) {
            s.setLong(1, until.toMillis());
            s.setString(2, connector);
            s.setString(3, holder);
            s.executeUpdate();
        }
    }

    /** Lets go of the lease at shutdown, so that another instance takes over at once. */
    public static void release(Connection c, String connector, String holder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE connector_state SET holder = NULL, lease_until = NULL WHERE connector = ? AND holder = ?")) {
            s.setString(1, connector);
            s.setString(2, holder);
            s.executeUpdate();
        }
    }
}
