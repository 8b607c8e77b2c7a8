-- ISPU for analysts: the breakpoint table of Permen LHK P.14/2020 (domain/ispu.md) and the sub-index as a
-- function, so that Grafana and ad-hoc queries compute the index exactly as the wall does
-- (IspuSqlTest holds the two to the same numbers). Concentrations are µg/m³, as stored.
CREATE TABLE ispu_breakpoint (
    pollutant  text             NOT NULL,
    ispu_low   double precision NOT NULL,
    ispu_high  double precision NOT NULL,
    conc_low   double precision NOT NULL,
    conc_high  double precision NOT NULL,
    PRIMARY KEY (pollutant, ispu_high)
);

COMMENT ON TABLE ispu_breakpoint IS 'ISPU segments (Permen LHK P.14/2020): a concentration in (conc_low, conc_high] maps linearly onto (ispu_low, ispu_high]';

INSERT INTO ispu_breakpoint (pollutant, ispu_low, ispu_high, conc_low, conc_high)
SELECT p.pollutant, i.low, i.high, coalesce(lag(p.conc) OVER (PARTITION BY p.pollutant ORDER BY i.high), 0), p.conc
FROM (VALUES (1, 0, 50), (2, 50, 100), (3, 100, 200), (4, 200, 300), (5, 300, 500)) AS i (k, low, high)
JOIN (VALUES
    ('pm10', 1, 50), ('pm10', 2, 150), ('pm10', 3, 350), ('pm10', 4, 420), ('pm10', 5, 500),
    ('pm25', 1, 15.5), ('pm25', 2, 55.4), ('pm25', 3, 150.4), ('pm25', 4, 250.4), ('pm25', 5, 500),
    ('so2', 1, 52), ('so2', 2, 180), ('so2', 3, 400), ('so2', 4, 800), ('so2', 5, 1200),
    ('co', 1, 4000), ('co', 2, 8000), ('co', 3, 15000), ('co', 4, 30000), ('co', 5, 45000),
    ('o3', 1, 120), ('o3', 2, 235), ('o3', 3, 400), ('o3', 4, 800), ('o3', 5, 1000),
    ('no2', 1, 80), ('no2', 2, 200), ('no2', 3, 1130), ('no2', 4, 2260), ('no2', 5, 3000),
    ('hc', 1, 45), ('hc', 2, 100), ('hc', 3, 215), ('hc', 4, 432), ('hc', 5, 648)
) AS p (pollutant, k, conc) ON p.k = i.k;

-- A pollutant's sub-index from its 24-hour mean (not rounded; the reported ISPU is the station's largest,
-- rounded half-up). A concentration on a bound belongs to the lower segment; above the table it is 500
-- (beyond the scale, no extrapolation); NULL for a negative or missing concentration or an unknown pollutant.
CREATE FUNCTION ispu_sub_index(pollutant text, concentration double precision) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN concentration IS NULL OR concentration < 0 THEN NULL
        WHEN concentration > (SELECT max(b.conc_high) FROM ispu_breakpoint b WHERE b.pollutant = ispu_sub_index.pollutant) THEN 500
        ELSE (SELECT (b.ispu_high - b.ispu_low) / (b.conc_high - b.conc_low) * (concentration - b.conc_low) + b.ispu_low
              FROM ispu_breakpoint b
              WHERE b.pollutant = ispu_sub_index.pollutant AND concentration <= b.conc_high
              ORDER BY b.conc_high LIMIT 1)
    END
$$;

-- The category of a reported (rounded) ISPU, in Bahasa Indonesia as the regulation names it.
CREATE FUNCTION ispu_category(ispu numeric) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN ispu IS NULL THEN NULL
        WHEN ispu <= 50 THEN 'Baik'
        WHEN ispu <= 100 THEN 'Sedang'
        WHEN ispu <= 200 THEN 'Tidak Sehat'
        WHEN ispu <= 300 THEN 'Sangat Tidak Sehat'
        ELSE 'Berbahaya'
    END
$$;

GRANT SELECT ON ispu_breakpoint TO pantau_analyst;
GRANT EXECUTE ON FUNCTION ispu_sub_index(text, double precision), ispu_category(numeric) TO pantau_analyst;
