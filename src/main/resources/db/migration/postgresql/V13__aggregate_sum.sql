-- The aggregates gain sum (the sum of the values in the bucket: a day's calls, a day's rain), so that analysts
-- need not rebuild it as avg * count. Ordinary views: replaced in place with sum as their last column (a view
-- may gain columns at its end), computed from reading as before, so that nothing is lost and what reads them
-- by name keeps working. reading_1d is written for WITA here; Pantau rewrites it for the catalog's zone right
-- after when the city is elsewhere (store/DayBuckets).
CREATE OR REPLACE VIEW reading_1m AS
SELECT date_bin(INTERVAL '1 minute', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count, sum(value) AS sum
FROM reading
GROUP BY 1, device_id, metric;

CREATE OR REPLACE VIEW reading_1h AS
SELECT date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count, sum(value) AS sum
FROM reading
GROUP BY 1, device_id, metric;

CREATE OR REPLACE VIEW reading_1d AS
SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Makassar') AT TIME ZONE 'Asia/Makassar') AS bucket, device_id, metric,
       avg(value) AS avg, min(value) AS min, max(value) AS max, count(*) AS count, sum(value) AS sum
FROM reading
GROUP BY 1, device_id, metric;

GRANT SELECT ON reading_1m, reading_1h, reading_1d TO pantau_analyst;
