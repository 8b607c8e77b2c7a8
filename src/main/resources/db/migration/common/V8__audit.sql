-- The audit trail (security/Audit): sign-ins, sign-outs, user and display changes; who, when, from where.
CREATE TABLE audit_event (
    id       bigserial PRIMARY KEY,
    time     timestamptz NOT NULL DEFAULT now(),
    actor    text NOT NULL,
    action   text NOT NULL,
    subject  text,
    address  text,
    detail   text
);
CREATE INDEX audit_event_time ON audit_event (time DESC);
