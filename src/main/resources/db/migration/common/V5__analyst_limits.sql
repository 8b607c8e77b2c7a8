-- Analysts share the database Pantau writes to: a runaway ad-hoc query or a forgotten open transaction must
-- not hold it. Role settings need CREATEROLE; where Pantau's user lacks it (the role was made by a DBA), the
-- DBA applies the same three lines, and Pantau starts anyway.
DO $$
BEGIN
    ALTER ROLE pantau_analyst SET statement_timeout = '60s';
    ALTER ROLE pantau_analyst SET idle_in_transaction_session_timeout = '5min';
    ALTER ROLE pantau_analyst CONNECTION LIMIT 20;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'pantau_analyst: no privilege to set its statement timeout and connection limit; ask a DBA (docs/database.md)';
END
$$;
