-- REST sync watermarks and deficit timers (docs/engine.md, "Syncs").

-- One row per sync kind, account and Korean trading date: the last COMPLETE pass over the broker's
-- answer (when it finished, when its inquiry started, pages and rows read, the broker's totals it
-- saw). A watermark for lag metrics (execution_fills_sync_lag_seconds = now - completed_ts), not a
-- row cursor: every pass reads the whole day again.
CREATE TABLE trade.sync_runs (
    kind          TEXT        NOT NULL,
    account_id    TEXT        NOT NULL,
    trading_date  DATE        NOT NULL,
    started_ts    TIMESTAMPTZ NOT NULL,
    completed_ts  TIMESTAMPTZ NOT NULL,
    pages         INTEGER     NOT NULL,
    rows          INTEGER     NOT NULL,
    tot_ccld_qty  BIGINT      NOT NULL,
    tot_ccld_amt  NUMERIC(20, 4) NOT NULL,
    changed       INTEGER     NOT NULL,
    PRIMARY KEY (kind, account_id, trading_date),
    CONSTRAINT sync_runs_kind CHECK (kind IN ('FILLS', 'UNFILLED', 'RECONCILE')),
    CONSTRAINT sync_runs_counts CHECK (pages >= 0 AND rows >= 0 AND tot_ccld_qty >= 0 AND changed >= 0),
    CONSTRAINT sync_runs_order CHECK (completed_ts >= started_ts)
);

-- When a REST snapshot first proved more executions of an order than its live fills hold. The
-- deficit becomes an INFERRED fill only once it has persisted past the history-lag window, so a
-- notice that is merely late is not pre-empted; any process can time it. broker_qty is the proof
-- the timer runs for: a larger proof restarts it. The row goes when the deficit is gone.
CREATE TABLE trade.fill_deficits (
    account_id    TEXT        NOT NULL,
    order_date    DATE        NOT NULL,
    kis_order_no  TEXT        NOT NULL,
    broker_qty    BIGINT      NOT NULL CHECK (broker_qty > 0),
    since_ts      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, order_date, kis_order_no),
    FOREIGN KEY (account_id, order_date, kis_order_no)
        REFERENCES trade.orders (account_id, order_date, kis_order_no)
);
