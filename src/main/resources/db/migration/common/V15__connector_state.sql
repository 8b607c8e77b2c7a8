-- A pull feed's state across restarts and instances: who polls it (a lease), and where it got to.
CREATE TABLE connector_state (
    connector     text PRIMARY KEY,
    holder        text,
    lease_until   timestamptz,
    watermark     text,
    etag          text,
    last_modified text,
    last_success  timestamptz
);
