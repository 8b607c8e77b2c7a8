-- Plain PostgreSQL (no TimescaleDB): the same names as ordinary views computed from reading, so that
-- every query written for TimescaleDB still answers. They aggregate on the fly: fine for small
-- installations and development; production wants TimescaleDB (docs/operations.md).

CREATE VIEW reading_1m AS
SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count
FROM reading
GROUP BY 1, device_id, metric;

CREATE VIEW reading_1h AS
SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count
FROM reading
GROUP BY 1, device_id, metric;

-- Days are WITA calendar days (Asia/Makassar), as the wall's "today".
CREATE VIEW reading_1d AS
SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Makassar') AT TIME ZONE 'Asia/Makassar') AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count
FROM reading
GROUP BY 1, device_id, metric;
