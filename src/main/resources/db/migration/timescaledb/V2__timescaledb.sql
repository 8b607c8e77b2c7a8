-- TimescaleDB: reading becomes a hypertable (one chunk a day) with continuous aggregates.
-- Compression and retention policies are (re)applied at every start from the configuration
-- (pantau.store.*), so that changing them needs no new migration.

SELECT create_hypertable('reading', by_range('time', INTERVAL '1 day'), create_default_indexes => false);

-- Continuous aggregates. Created WITH NO DATA (allowed inside a transaction); the refresh policies
-- fill them, and real-time aggregation (materialized_only = false) adds what is not materialized yet.
CREATE MATERIALIZED VIEW reading_1m WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 minute', time) AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count
FROM reading
GROUP BY bucket, device_id, metric
WITH NO DATA;

CREATE MATERIALIZED VIEW reading_1h WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count
FROM reading
GROUP BY bucket, device_id, metric
WITH NO DATA;

-- Days are WITA calendar days (Asia/Makassar), as the wall's "today".
CREATE MATERIALIZED VIEW reading_1d WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 day', time, 'Asia/Makassar') AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count
FROM reading
GROUP BY bucket, device_id, metric
WITH NO DATA;

-- Refresh windows stay well inside the raw retention: refreshing a region whose raw rows were
-- dropped would empty the aggregate there.
SELECT add_continuous_aggregate_policy('reading_1m', start_offset => INTERVAL '1 day',
       end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('reading_1h', start_offset => INTERVAL '7 days',
       end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
SELECT add_continuous_aggregate_policy('reading_1d', start_offset => INTERVAL '30 days',
       end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');

-- Raw chunks are compressed per device and metric, newest first.
ALTER TABLE reading SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id, metric',
       timescaledb.compress_orderby = 'time DESC');
