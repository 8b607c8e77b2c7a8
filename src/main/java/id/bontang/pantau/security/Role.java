package id.bontang.pantau.security;

import java.util.Locale;
import java.util.Set;

/**
 * Who may do what (docs/security.md). A user has one role; the roles it implies are granted with it, so that an
 * endpoint names the least role it needs: {@code @RolesAllowed(Role.VIEWER)} admits every signed-in user.
 */
public enum Role {
    /** The wall and the tiles. */
    VIEWER,
    /** A viewer who works the console: acknowledge, shelve, comment. */
    OPERATOR,
    /** A viewer who reads series history and dead letters. */
    ANALYST,
    /** A viewer who manages the catalog: devices, feeds, tiles and alarm rules (not users). */
    STEWARD,
    /** Everything, with users and display credentials. */
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String ANALYST_NAME = "analyst";
    public static final String STEWARD_NAME = "steward";
    public static final String ADMIN_NAME = "admin";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and those it implies. */
    public Set<String> granted() {
        return switch (this) {
            case VIEWER -> Set.of(VIEWER_NAME);
            case OPERATOR -> Set.of(VIEWER_NAME, OPERATOR_NAME);
            case ANALYST -> Set.of(VIEWER_NAME, ANALYST_NAME);
            case STEWARD -> Set.of(VIEWER_NAME, STEWARD_NAME);
            case ADMIN -> Set.of(VIEWER_NAME, OPERATOR_NAME, ANALYST_NAME, STEWARD_NAME, ADMIN_NAME);
        };
    }

    /** The role named {@code code}, or null. */
    public static Role of(String code) {
        for (Role r : values()) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        return null;
    }
}
