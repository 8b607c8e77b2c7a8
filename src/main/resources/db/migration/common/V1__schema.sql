-- Pantau's schema: the same names on TimescaleDB and on plain PostgreSQL. Analysts read these
-- tables directly (docs/database.md); changing a name breaks their dashboards.

-- One row per accepted value. Feeds are stored with device_id = the feed id.
-- The unique key makes storage idempotent: a reading delivered twice (MQTT QoS 1) is stored once.
CREATE TABLE reading (
    time      timestamptz      NOT NULL,
    device_id text             NOT NULL,
    metric    text             NOT NULL,
    value     double precision NOT NULL,
    CONSTRAINT reading_key UNIQUE (device_id, metric, time)
);
CREATE INDEX reading_time_idx ON reading (time DESC);

COMMENT ON TABLE reading IS 'One row per accepted value; feeds use their feed id as device_id';
COMMENT ON COLUMN reading.time IS 'Event time: the reading''s own timestamp, or its arrival time when it had none';

-- The catalog, written from the catalog file at every start, so that Grafana can join names and places.
-- Entries removed from the catalog stay (their readings remain) with active = false.
CREATE TABLE area (
    slug      text PRIMARY KEY,
    name      text NOT NULL,
    kecamatan text,
    lat       double precision,
    lon       double precision,
    hazard    text,
    active    boolean NOT NULL DEFAULT true
);

CREATE TABLE device (
    id         text PRIMARY KEY,
    kind       text NOT NULL,
    area_slug  text,
    name       text NOT NULL,
    cadence_s  integer NOT NULL,
    waspada_cm double precision,
    siaga_cm   double precision,
    awas_cm    double precision,
    active     boolean NOT NULL DEFAULT true
);

CREATE TABLE feed (
    id        text PRIMARY KEY,
    name      text NOT NULL,
    area_slug text,
    cadence_s integer NOT NULL,
    active    boolean NOT NULL DEFAULT true
);

-- What each device or feed measures, in which unit.
CREATE TABLE metric (
    source_id text NOT NULL,
    name      text NOT NULL,
    unit      text NOT NULL,
    min       double precision,
    max       double precision,
    PRIMARY KEY (source_id, name)
);

-- The wall's tiles as the catalog defines them.
CREATE TABLE indicator (
    id          text PRIMARY KEY,
    dimension   text NOT NULL,
    title_id    text NOT NULL,
    title_en    text NOT NULL,
    type        text NOT NULL,
    source_id   text,
    area_slug   text,
    sources     text[] NOT NULL,
    metric      text,
    time_window text,
    aggregate   text,
    unit        text,
    warning     double precision,
    critical    double precision,
    direction   text,
    active      boolean NOT NULL DEFAULT true
);

-- Messages and values that were refused, with the reason (kept 30 days by default).
CREATE TABLE dead_letter (
    id          bigserial PRIMARY KEY,
    received_at timestamptz NOT NULL,
    transport   text NOT NULL,
    topic       text NOT NULL,
    source      text,
    reason      text NOT NULL,
    field       text,
    detail      text NOT NULL,
    payload     text
);
CREATE INDEX dead_letter_received_idx ON dead_letter (received_at DESC);
CREATE INDEX dead_letter_reason_idx ON dead_letter (reason, received_at DESC);
