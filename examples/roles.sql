-- Least-privilege roles for execctl (see docs/schema.md, "Roles").
--
-- Run with psql as the owner of schema trade (the role that runs `execctl migrate`), in the execctl
-- database, AFTER migrating:
--
--   psql -v ON_ERROR_STOP=1 -d <db> -f examples/roles.sql
--       asks for the password of the new login role execctl_svc (psql \prompt), the first time only
--   psql -v ON_ERROR_STOP=1 -v app_password="$(cat /path/to/secret)" -d <db> -f examples/roles.sql
--       sets it from a psql variable instead (also on later runs: that changes the password)
--
-- There is no default password: creating execctl_svc without one (empty answer, no terminal) fails
-- and creates nothing. psql sends the password to the server as part of a CREATE/ALTER ROLE
-- statement: do not run this with log_statement = 'all' or 'ddl'.
-- It is idempotent: run it again after every migration that adds a table (existing roles keep their
-- passwords unless app_password is given).
--
--   execctl_app       NOLOGIN group: the privileges of the running service (daemon and cron commands)
--   execctl_svc       LOGIN member of execctl_app: what EXECCTL_DB_USER names
--   execctl_strategy  NOLOGIN group for strategy processes: make their login roles members
--
-- To use other names, rename the words throughout (sed 's/execctl_app/x_app/g; ...').
-- Migrations are never run as execctl_svc: it cannot create, alter or drop anything.

\set ON_ERROR_STOP on

SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'execctl_svc') AS svc_missing \gset
\if :{?app_password}
\elif :svc_missing
\prompt 'Password for the new login role execctl_svc: ' app_password
\endif

\if :{?app_password}
SELECT :'app_password' = '' AS app_password_empty \gset
\if :app_password_empty
\echo 'roles.sql: the password of execctl_svc must not be empty (psql -v app_password=... or answer the prompt)'
DO $$ BEGIN RAISE EXCEPTION 'empty app_password'; END $$;
\endif
\endif

SELECT 'CREATE ROLE execctl_app NOLOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'execctl_app') \gexec
SELECT 'CREATE ROLE execctl_strategy NOLOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'execctl_strategy') \gexec
\if :svc_missing
SELECT format('CREATE ROLE execctl_svc LOGIN PASSWORD %L IN ROLE execctl_app', :'app_password') \gexec
\elif :{?app_password}
SELECT format('ALTER ROLE execctl_svc PASSWORD %L', :'app_password') \gexec
\endif
GRANT execctl_app TO execctl_svc;

-- Start from nothing in schema trade, so re-running never leaves a stale grant behind.
REVOKE ALL ON ALL TABLES IN SCHEMA trade FROM execctl_app, execctl_strategy;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA trade FROM execctl_app, execctl_strategy;
REVOKE ALL ON SCHEMA trade FROM execctl_app, execctl_strategy;
-- Nobody else reads the execution-owned tables either (no grant to PUBLIC).
REVOKE ALL ON
    trade.orders, trade.fills, trade.holdings, trade.kis_tokens, trade.sync_cursors, trade.broker_messages,
    trade.outbox, trade.parked_notices, trade.submissions, trade.intent_outcomes, trade.intent_status_v,
    trade.notice_coverage, trade.kis_rate_budget, trade.position_selling_v, trade.order_chain_v, trade.intent_chain_v, trade.sync_runs, trade.fill_deficits,
    trade.order_cancel_confirms, trade.held_notices
    FROM PUBLIC;

-- Use the schema; never create in it.
GRANT USAGE ON SCHEMA trade TO execctl_app, execctl_strategy;

-- ---------------------------------------------------------------------------------------------
-- execctl_app: the service.
-- Broker facts, the submission journal and intent outcomes are never deleted by the service: a
-- row there is evidence of what was sent, filled or decided.
GRANT SELECT, INSERT, UPDATE ON
    trade.orders, trade.fills, trade.submissions, trade.intent_outcomes,
    trade.kis_tokens, trade.outbox, trade.parked_notices, trade.notice_coverage,
    trade.kis_rate_budget, trade.sync_runs, trade.order_cancel_confirms, trade.held_notices
    TO execctl_app;
-- A deficit timer goes when the deficit is gone (REST syncs, docs/engine.md).
GRANT SELECT, INSERT, UPDATE, DELETE ON trade.fill_deficits TO execctl_app;
-- Holdings are replaced from a complete balance snapshot (lines gone at the broker are deleted);
-- sync cursors may be dropped and rebuilt.
GRANT SELECT, INSERT, UPDATE, DELETE ON trade.holdings, trade.sync_cursors TO execctl_app;
-- The broker audit is append-only: no UPDATE, DELETE or TRUNCATE.
GRANT SELECT, INSERT ON trade.broker_messages TO execctl_app;
GRANT SELECT ON trade.intent_status_v, trade.position_selling_v, trade.order_chain_v, trade.intent_chain_v TO execctl_app;
-- BIGSERIAL ids of broker_messages, outbox, parked_notices.
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA trade TO execctl_app;

-- ---------------------------------------------------------------------------------------------
-- execctl_strategy: read the execution facts and follow the outbox (docs/outbox.md); an intent's
-- outcome and reason through the view only. Never the access tokens, the journal, the audit or
-- the sync state.
GRANT SELECT ON trade.orders, trade.fills, trade.holdings, trade.outbox, trade.intent_status_v,
    trade.position_selling_v, trade.order_chain_v, trade.intent_chain_v
    TO execctl_strategy;

-- ---------------------------------------------------------------------------------------------
-- Strategy-owned contract tables. execctl reads intents and writes only their status (UPDATE on
-- those two columns is also what SELECT ... FOR UPDATE SKIP LOCKED needs); it reads positions.
-- Guarded, because in production the strategy side creates these tables and may do so later (its
-- owner then runs these grants, or re-runs this script).
DO $$
BEGIN
    IF to_regclass('trade.order_intents') IS NOT NULL THEN
        GRANT SELECT ON trade.order_intents TO execctl_app;
        GRANT UPDATE (status, updated_ts) ON trade.order_intents TO execctl_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON trade.order_intents TO execctl_strategy;
    END IF;
    IF to_regclass('trade.positions') IS NOT NULL THEN
        GRANT SELECT ON trade.positions TO execctl_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON trade.positions TO execctl_strategy;
    END IF;
END
$$;
