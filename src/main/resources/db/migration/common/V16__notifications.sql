-- Notifications (notify/, docs/alarms.md). alarm_outbox is written in the same transaction as the alarm change it
-- tells of (alarm/JdbcAlarmStore), so that no change is told twice or lost; the workers of every instance claim its
-- rows and then the deliveries they make with FOR UPDATE SKIP LOCKED.
CREATE TABLE alarm_outbox (
    id        bigserial PRIMARY KEY,
    alarm_id  bigint NOT NULL REFERENCES alarm (id),
    version   integer NOT NULL,
    kind      text NOT NULL,
    actor     text,
    at        timestamptz NOT NULL,
    taken_at  timestamptz
);
CREATE INDEX alarm_outbox_new ON alarm_outbox (id) WHERE taken_at IS NULL;

-- One message to one recipient by one channel. state: pending (due_at), sending (claimed_by until claimed_until: a
-- claim that runs out was cut short by a crash and is resumed), sent, failed, cancelled. scheduled tells an
-- escalation tier or reminder apart (its key makes it once per alarm, rule and recipient). planned_for is the first
-- due_at (a retry or a limit moves due_at): delivery time is measured from the change, or from it for a tier.
CREATE TABLE notify_delivery (
    id             bigserial PRIMARY KEY,
    alarm_id       bigint NOT NULL REFERENCES alarm (id),
    change_id      bigint,
    kind           text NOT NULL,
    channel        text NOT NULL,
    recipient      text NOT NULL,
    who            text,
    rule           text,
    language       text NOT NULL DEFAULT 'id',
    scheduled      text,
    due_at         timestamptz NOT NULL,
    planned_for    timestamptz NOT NULL,
    state          text NOT NULL DEFAULT 'pending',
    attempts       integer NOT NULL DEFAULT 0,
    claimed_by     text,
    claimed_until  timestamptz,
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    sent_at        timestamptz,
    message        text,
    provider_ref   text,
    result         text
);
CREATE UNIQUE INDEX notify_delivery_once ON notify_delivery (alarm_id, channel, recipient, scheduled)
    WHERE scheduled IS NOT NULL;
CREATE INDEX notify_delivery_due ON notify_delivery (due_at) WHERE state IN ('pending', 'sending');
CREATE INDEX notify_delivery_alarm ON notify_delivery (alarm_id, id);
CREATE INDEX notify_delivery_recipient ON notify_delivery (channel, recipient, sent_at);

-- Every attempt: when, by which instance, what came of it, the provider's answer.
CREATE TABLE notify_attempt (
    id           bigserial PRIMARY KEY,
    delivery_id  bigint NOT NULL REFERENCES notify_delivery (id),
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    instance     text NOT NULL,
    outcome      text NOT NULL,
    status       integer,
    answer       text,
    millis       integer
);
CREATE INDEX notify_attempt_delivery ON notify_attempt (delivery_id, id);

-- The admins' rules, groups, rosters and webhooks (key 'rules'), and each user's contact points and subscriptions
-- (key 'user:<name>'), as JSON documents with a version.
CREATE TABLE notify_settings (
    key         text PRIMARY KEY,
    doc         text NOT NULL,
    version     integer NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_by  text
);

-- The key that signs acknowledgement links (the same for every instance), and the links used (single use).
CREATE TABLE notify_link_key (
    id   integer PRIMARY KEY CHECK (id = 1),
    key  bytea NOT NULL
);
CREATE TABLE notify_link_used (
    nonce    text PRIMARY KEY,
    used_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    used_by  text NOT NULL,
    expires  timestamptz NOT NULL
);

-- For Grafana's alarm dashboard (the read-only analyst role): how long each message took, without its recipient.
CREATE VIEW notify_delivery_time AS
SELECT d.id, d.alarm_id, d.channel, d.kind, d.state, d.attempts,
       CASE WHEN d.scheduled IS NULL THEN COALESCE(o.at, d.planned_for) ELSE d.planned_for END AS planned_at,
       d.sent_at
FROM notify_delivery d LEFT JOIN alarm_outbox o ON o.id = d.change_id;
GRANT SELECT ON notify_delivery_time TO pantau_analyst;
