-- The built-in user store (security/Users): for a city without single sign-on. Passwords are bcrypt hashes;
-- the clear password is never stored or logged. pantau_analyst cannot read this table.
CREATE TABLE app_user (
    username        text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    password_hash   text NOT NULL,
    role            text NOT NULL CHECK (role IN ('viewer', 'operator', 'analyst', 'admin')),
    disabled        boolean NOT NULL DEFAULT false,
    failed_attempts integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
