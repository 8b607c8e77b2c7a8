-- Display credentials (security/Displays): a video wall signs in with a long random token, shown once and kept
-- here only as its SHA-256 digest; revocable; last seen for the console.
CREATE TABLE display (
    id            text PRIMARY KEY,
    label         text NOT NULL,
    token_sha256  text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL,
    revoked_at    timestamptz,
    last_seen_at  timestamptz,
    last_address  text
);
