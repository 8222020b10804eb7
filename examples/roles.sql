-- Least-privilege roles for execctl (see docs/schema.md, "Roles").
--
-- Run as the owner of schema trade (the role that runs `execctl migrate`), in the execctl database,
-- AFTER migrating:   psql -v ON_ERROR_STOP=1 -d <db> -f examples/roles.sql
-- It is idempotent: run it again after every migration that adds a table.
--
--   execctl_app  NOLOGIN group: the privileges of the running service (daemon and cron commands).
--   execctl_svc  an example LOGIN member; set a real password at once:  \password execctl_svc
--
-- To use other names, rename both words throughout (e.g. sed 's/execctl_app/x_app/g; s/execctl_svc/x_svc/g').
-- Migrations are never run as execctl_svc: it cannot create, alter or drop anything.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'execctl_app') THEN
        CREATE ROLE execctl_app NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'execctl_svc') THEN
        CREATE ROLE execctl_svc LOGIN PASSWORD 'change-me' IN ROLE execctl_app;
    END IF;
END
$$;

-- Start from nothing in schema trade, so re-running never leaves a stale grant behind.
REVOKE ALL ON ALL TABLES IN SCHEMA trade FROM execctl_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA trade FROM execctl_app;
REVOKE ALL ON SCHEMA trade FROM execctl_app;

-- Use the schema; never create in it.
GRANT USAGE ON SCHEMA trade TO execctl_app;

-- Execution-owned tables: execctl is their only writer.
GRANT SELECT, INSERT, UPDATE, DELETE ON
    trade.orders, trade.fills, trade.holdings,
    trade.kis_tokens, trade.sync_cursors, trade.outbox, trade.parked_notices, trade.submissions,
    trade.kis_rate_budget
    TO execctl_app;

-- The broker audit is append-only: no UPDATE, DELETE or TRUNCATE.
GRANT SELECT, INSERT ON trade.broker_messages TO execctl_app;

-- BIGSERIAL ids of broker_messages, outbox, parked_notices.
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA trade TO execctl_app;

-- Strategy-owned contract tables: read intents and write only their status; read positions.
-- (UPDATE on a column is also what SELECT ... FOR UPDATE SKIP LOCKED needs.)
-- Guarded, because in production the strategy side creates these tables and may do so later.
DO $$
BEGIN
    IF to_regclass('trade.order_intents') IS NOT NULL THEN
        GRANT SELECT ON trade.order_intents TO execctl_app;
        GRANT UPDATE (status, updated_ts) ON trade.order_intents TO execctl_app;
    END IF;
    IF to_regclass('trade.positions') IS NOT NULL THEN
        GRANT SELECT ON trade.positions TO execctl_app;
    END IF;
END
$$;
