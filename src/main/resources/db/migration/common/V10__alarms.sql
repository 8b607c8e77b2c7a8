-- Alarms (alarm/, docs/alarms.md): one row per alarm, from raised to closed, and every event of its life.
-- A new occurrence after closed is a new row; the partial unique index keeps one open alarm per rule and subject,
-- which is what lets several Pantau instances raise an alarm once (INSERT … ON CONFLICT DO NOTHING).
-- Every change bumps version (optimistic: an instance whose copy is old loses and reloads) and updated_at,
-- which the other instances poll.
CREATE TABLE alarm (
    id              bigserial PRIMARY KEY,
    rule            text NOT NULL,
    subject         text NOT NULL,
    source          text,
    tile            text,
    area            text,
    severity        smallint NOT NULL CHECK (severity BETWEEN 1 AND 4),
    message_id      text NOT NULL,
    message_en      text NOT NULL,
    value           double precision,
    unit            text,
    active          boolean NOT NULL,
    raised_at       timestamptz NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text,
    cleared_at      timestamptz,
    closed_at       timestamptz,
    shelved_until   timestamptz,
    shelved_by      text,
    shelve_reason   text,
    escalated_at    timestamptz,
    activations     integer NOT NULL DEFAULT 1,
    chattering      boolean NOT NULL DEFAULT false,
    version         integer NOT NULL DEFAULT 1,
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE UNIQUE INDEX alarm_open ON alarm (rule, subject) WHERE closed_at IS NULL;
CREATE INDEX alarm_updated ON alarm (updated_at);
CREATE INDEX alarm_raised ON alarm (raised_at DESC);

-- kind: raised, reactivated, severity, acknowledged, commented, shelved, unshelved, escalated, cleared, closed.
CREATE TABLE alarm_event (
    id        bigserial PRIMARY KEY,
    alarm_id  bigint NOT NULL REFERENCES alarm (id),
    time      timestamptz NOT NULL,
    kind      text NOT NULL,
    actor     text,
    comment   text,
    severity  smallint,
    value     double precision
);
CREATE INDEX alarm_event_alarm ON alarm_event (alarm_id, id);
CREATE INDEX alarm_event_time ON alarm_event (time);

-- Sources an admin took out of service (maintenance): their alarms are suppressed until they return.
CREATE TABLE alarm_out_of_service (
    source  text PRIMARY KEY,
    since   timestamptz NOT NULL,
    actor   text NOT NULL,
    reason  text NOT NULL
);

GRANT SELECT ON alarm, alarm_event, alarm_out_of_service TO pantau_analyst;
