package id.bontang.pantau.security;

import id.bontang.pantau.store.Store;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code PANTAU_ADMIN_PASSWORD} is a bootstrap: it creates {@code admin} when it is missing, once the schema is ready,
 * and resets it (password, role, lock, sessions) only with {@code PANTAU_ADMIN_PASSWORD_RESET=true}, so that a password
 * changed since stays changed across restarts. Without a database, {@code admin} with that password is the only user,
 * kept here in memory as a hash.
 */
@Startup
@Singleton
public class AdminBootstrap {

    private final Store store;
    private final SecurityConfig config;
    private final Sessions sessions;
    private volatile String memoryHash;

    public AdminBootstrap(Store store, SecurityConfig config, Sessions sessions) {
        this.store = store;
        this.config = config;
        this.sessions = sessions;
    }

    @PostConstruct
    void start() {
        String password = config.adminPassword().filter(p -> !p.isBlank()).orElse(null);
        if (!store.enabled()) {
            memoryHash = password == null ? null : BcryptUtil.bcryptHash(password);
            Log.warn(password == null ? "Security: no database and no PANTAU_ADMIN_PASSWORD: nobody can sign in"
                    : "Security: no database: 'admin' (PANTAU_ADMIN_PASSWORD) is the only user");
        } else if (password == null) {
            Log.info("Security: PANTAU_ADMIN_PASSWORD is not set: the users in the database sign in");
        } else {
            String hash = BcryptUtil.bcryptHash(password);
            store.whenReady(() -> bootstrap(hash));
        }
    }

    /** The in-memory admin's hash, without a database; null otherwise or without a password. */
    String memoryHash() {
        return memoryHash;
    }

    /** Creates {@code admin} when missing; resets it only when told to (PANTAU_ADMIN_PASSWORD_RESET). */
    private void bootstrap(String hash) {
        boolean reset = config.adminPasswordReset();
        try (Connection c = store.connection(); PreparedStatement p = c.prepareStatement("INSERT INTO app_user "
                + "(username, password_hash, role) VALUES (?, ?, 'admin') ON CONFLICT (username) DO " + (reset ? "UPDATE SET "
                + "password_hash = excluded.password_hash, role = 'admin', disabled = false, failed_attempts = 0, "
                + "locked_until = NULL, updated_at = now()" : "NOTHING"))) {
            p.setString(1, Users.ADMIN);
            p.setString(2, hash);
            boolean written = p.executeUpdate() == 1;
            if (reset) {
                sessions.endAll(Users.ADMIN);
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
}
