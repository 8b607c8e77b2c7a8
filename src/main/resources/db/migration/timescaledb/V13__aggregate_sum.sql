-- The aggregates gain sum (the sum of the values in the bucket: a day's calls, a day's rain), so that analysts
-- need not rebuild it as avg * count. A continuous aggregate cannot gain a column: each is dropped and created
-- again, with sum as its last column, in this migration's transaction (created WITH NO DATA, which a transaction
-- allows; real-time aggregation answers from the raw readings meanwhile).
--
-- History: the raw readings are kept for less time than the aggregates (pantau.store.retention.*), so what an
-- aggregate holds from before the oldest raw reading cannot be computed again. Those rows are set aside first in
-- reading_aggregate_carry; at the same start, after this migration, Pantau refreshes the new aggregates from the
-- raw readings and puts the set-aside rows back, with sum = avg * count, then drops the table (store/Schema,
-- carryAggregates: a refresh cannot run inside a transaction, so it cannot be done here). A start that stops in
-- between finds the table again and finishes the work. The policies dropped with the aggregates are added again
-- below as V2 had them, and replaced from the configuration at every start (refresh and retention).

CREATE TABLE reading_aggregate_carry (
    view_name text             NOT NULL,
    zone      text,
    bucket    timestamptz      NOT NULL,
    device_id text,
    metric    text,
    avg       double precision,
    min       double precision,
    max       double precision,
    count     bigint
);
COMMENT ON TABLE reading_aggregate_carry IS 'Aggregate rows older than the raw readings, kept across V13 and put back at the next start';

-- Buckets that start at or before the oldest raw reading: before it the raw rows are gone, and the bucket that
-- holds it may have lost some of them. zone: the time zone reading_1d counted days in (store/DayBuckets).
INSERT INTO reading_aggregate_carry (view_name, zone, bucket, device_id, metric, avg, min, max, count)
SELECT 'reading_1m', NULL, bucket, device_id, metric, avg, min, max, count FROM reading_1m
WHERE bucket <= coalesce((SELECT min(time) FROM reading), 'infinity');
INSERT INTO reading_aggregate_carry (view_name, zone, bucket, device_id, metric, avg, min, max, count)
SELECT 'reading_1h', NULL, bucket, device_id, metric, avg, min, max, count FROM reading_1h
WHERE bucket <= coalesce((SELECT min(time) FROM reading), 'infinity');
INSERT INTO reading_aggregate_carry (view_name, zone, bucket, device_id, metric, avg, min, max, count)
SELECT 'reading_1d', (SELECT substring(view_definition FROM '''([A-Za-z0-9/_+-]+)''::text')
                      FROM timescaledb_information.continuous_aggregates WHERE view_name = 'reading_1d'),
       bucket, device_id, metric, avg, min, max, count FROM reading_1d
WHERE bucket <= coalesce((SELECT min(time) FROM reading), 'infinity');

DROP MATERIALIZED VIEW reading_1m;
DROP MATERIALIZED VIEW reading_1h;
DROP MATERIALIZED VIEW reading_1d;

CREATE MATERIALIZED VIEW reading_1m WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 minute', time) AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count, sum(value) AS sum
FROM reading
GROUP BY bucket, device_id, metric
WITH NO DATA;

CREATE MATERIALIZED VIEW reading_1h WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count, sum(value) AS sum
FROM reading
GROUP BY bucket, device_id, metric
WITH NO DATA;

-- Days are WITA calendar days (Asia/Makassar), as the wall's "today"; Pantau rebuilds it for the catalog's zone
-- right after when the city is elsewhere (store/DayBuckets).
CREATE MATERIALIZED VIEW reading_1d WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 day', time, 'Asia/Makassar') AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count, sum(value) AS sum
FROM reading
GROUP BY bucket, device_id, metric
WITH NO DATA;

SELECT add_continuous_aggregate_policy('reading_1m', start_offset => INTERVAL '1 day',
       end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('reading_1h', start_offset => INTERVAL '7 days',
       end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes');
SELECT add_continuous_aggregate_policy('reading_1d', start_offset => INTERVAL '30 days',
       end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');

GRANT SELECT ON reading_1m, reading_1h, reading_1d TO pantau_analyst;
