-- Reading identity (docs/architecture.md): a state is one value per device, metric and time; an increment
-- is one event per record, and two records of one source with the same idempotency key ("id") are one event.

-- event_id: '' for a state or a total (so that a repeat of the same time is stored once, and a row
-- written without it behaves so too); for an increment, the record's "id", or "pantau-<uuid>" for one
-- posted over HTTP without (so that its relayed copy is still the same event), or "~<random>" for one
-- published over MQTT without (every such record is one more event).
ALTER TABLE reading ADD COLUMN event_id text NOT NULL DEFAULT '';
ALTER TABLE reading DROP CONSTRAINT reading_key;
ALTER TABLE reading ADD CONSTRAINT reading_key UNIQUE (device_id, metric, time, event_id);
COMMENT ON COLUMN reading.event_id IS 'Empty for a state or a total; for an increment its idempotency key, or a random ~key when it had none';

-- Idempotency keys seen, whatever the time their records gave: a resend of a record without "ts" gets
-- another receive time, and must still be recognised. Kept as long as raw readings (pantau.store.retention.raw).
CREATE TABLE event_key (
    source_id text        NOT NULL,
    id        text        NOT NULL,
    time      timestamptz NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_id, id)
);
CREATE INDEX event_key_stored_idx ON event_key (stored_at);
COMMENT ON TABLE event_key IS 'Idempotency keys of stored events: a record with a key seen before is a repeat';

GRANT SELECT ON event_key TO pantau_analyst;
