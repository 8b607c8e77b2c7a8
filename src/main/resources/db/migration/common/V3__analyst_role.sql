-- pantau_analyst: what analysts and Grafana read with. SELECT on the readings, their aggregates and the
-- catalog; nothing else (no dead letters, no writing). Roles belong to the whole PostgreSQL server, so it
-- may exist already (another Pantau database on the same server). Pantau gives it a login password at
-- start when pantau.store.analyst-password is set (docs/database.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pantau_analyst') THEN
        CREATE ROLE pantau_analyst NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO pantau_analyst;
GRANT SELECT ON reading, reading_1m, reading_1h, reading_1d, area, device, feed, metric, indicator TO pantau_analyst;
