-- The REST request budget of each app key, shared by every execctl process on any host (the daemon,
-- cron one-shots, a hot standby): KIS counts calls per app key, not per process or host.
-- next_slot is the earliest instant (in the database server's clock, the one clock every host
-- shares) at which the next request may be sent; a process takes it with one UPDATE … RETURNING and
-- advances it by 1/rate. See docs/kis-client.md "Rate budget".
-- UNLOGGED: a grant must not wait for a WAL flush (≈ 2-3 ms per commit on a plain disk, more than the
-- statement itself); after a server crash the table is empty and the next grant starts from now,
-- which is what a restarted server would need anyway.
CREATE UNLOGGED TABLE trade.kis_rate_budget (
    env        TEXT        NOT NULL,
    app_key_fp TEXT        NOT NULL,                    -- one-way hash of the app key, never the key
    next_slot  TIMESTAMPTZ NOT NULL,
    updated_ts TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (env, app_key_fp)
);
