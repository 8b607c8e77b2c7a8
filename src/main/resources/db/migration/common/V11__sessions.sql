-- Sign-in sessions (security/Sessions): the browser's cookie holds a random token; only its SHA-256 digest is kept,
-- so that this table signs in nobody. Shared by every instance: a session ended on one is ended on all.
-- pantau_analyst cannot read this table.
CREATE TABLE app_session (
    token_sha256  text PRIMARY KEY,
    username      text NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    address       text
);
CREATE INDEX app_session_username ON app_session (username);
