-- Execution-owned facts that strategies read: orders, fills, holdings (see docs/schema.md).
-- Every write by execctl is idempotent (ON CONFLICT on the natural keys below).

CREATE TABLE trade.orders (
    order_id        TEXT        PRIMARY KEY,           -- yyyyMMdd-BRANCH-ODNO (domain.OrderKey.orderId())
    intent_id       UUID        UNIQUE,                -- one intent -> at most one broker order
    position_id     UUID,
    account_id      TEXT        NOT NULL,
    order_date      DATE        NOT NULL,              -- Korean trading date (ODNO restarts daily)
    branch_no       TEXT        NOT NULL,              -- KRX_FWDG_ORD_ORGNO, 5 digits
    kis_order_no    TEXT        NOT NULL,              -- ODNO, 10 digits zero-padded
    orig_order_no   TEXT,                              -- ORGN_ODNO for revisions / cancels
    symbol          TEXT        NOT NULL,
    side            TEXT        NOT NULL,
    order_type      TEXT        NOT NULL,
    qty             BIGINT      NOT NULL,
    limit_price     NUMERIC,
    filled_qty      BIGINT      NOT NULL DEFAULT 0,    -- sum of the order's non-void fills
    open_qty        BIGINT      NOT NULL DEFAULT 0,
    avg_fill_price  NUMERIC,
    broker_status   TEXT        NOT NULL DEFAULT 'UNKNOWN',
    status          TEXT        NOT NULL,
    source          TEXT        NOT NULL DEFAULT 'INTENT',
    reject_reason   TEXT,
    submitted_ts    TIMESTAMPTZ NOT NULL,
    updated_ts      TIMESTAMPTZ NOT NULL,
    raw             JSONB,
    CONSTRAINT orders_broker_key UNIQUE (account_id, order_date, kis_order_no),
    CONSTRAINT orders_order_id_is_key
        CHECK (order_id = to_char(order_date, 'YYYYMMDD') || '-' || branch_no || '-' || kis_order_no),
    CONSTRAINT orders_branch_no_format CHECK (branch_no ~ '^[0-9]{5}$'),
    CONSTRAINT orders_kis_order_no_format CHECK (kis_order_no ~ '^[0-9]{10}$'),
    CONSTRAINT orders_side CHECK (side IN ('BUY', 'SELL')),
    CONSTRAINT orders_order_type CHECK (order_type IN ('MKT', 'LMT')),
    CONSTRAINT orders_source CHECK (source IN ('INTENT', 'EXTERNAL')),
    CONSTRAINT orders_intent_unless_external CHECK (intent_id IS NOT NULL OR source = 'EXTERNAL'),
    CONSTRAINT orders_status CHECK (status IN
        ('SUBMITTED', 'PARTIAL', 'FILLED', 'CANCELLED', 'CANCELLED_PARTIAL', 'REJECTED', 'UNKNOWN', 'ERROR')),
    CONSTRAINT orders_broker_status CHECK (broker_status IN
        ('ACCEPTED', 'CANCELLED', 'EXPIRED', 'REJECTED', 'UNKNOWN')),
    CONSTRAINT orders_qty_nonneg CHECK (qty >= 0 AND filled_qty >= 0 AND open_qty >= 0),
    CONSTRAINT orders_qty_balance CHECK (filled_qty + open_qty <= qty),
    CONSTRAINT orders_prices_nonneg CHECK ((limit_price IS NULL OR limit_price >= 0)
                                           AND (avg_fill_price IS NULL OR avg_fill_price >= 0))
);

-- The exit engine reads orders by position (quantity already being sold).
CREATE INDEX orders_position_idx ON trade.orders (position_id) WHERE position_id IS NOT NULL;
-- Sync loops read the open orders only; a partial index stays small.
CREATE INDEX orders_open_idx ON trade.orders (status, order_date)
    WHERE status IN ('SUBMITTED', 'PARTIAL', 'UNKNOWN', 'ERROR');

CREATE TABLE trade.fills (
    fill_id     UUID        PRIMARY KEY,               -- domain.Fill.idFor(order_id, seq)
    order_id    TEXT        NOT NULL REFERENCES trade.orders (order_id),
    ts          TIMESTAMPTZ NOT NULL,
    qty         BIGINT      NOT NULL,
    price       NUMERIC     NOT NULL,
    fee         NUMERIC,
    tax         NUMERIC,
    seq         BIGINT      NOT NULL,                  -- cumulative filled qty of the order after this fill
    source      TEXT        NOT NULL,
    voided      BOOLEAN     NOT NULL DEFAULT false,
    void_reason TEXT,
    voided_ts   TIMESTAMPTZ,
    raw         JSONB,
    created_ts  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT fills_order_seq UNIQUE (order_id, seq),
    CONSTRAINT fills_qty_positive CHECK (qty > 0),
    CONSTRAINT fills_price_nonneg CHECK (price >= 0),
    CONSTRAINT fills_fee_tax_nonneg CHECK ((fee IS NULL OR fee >= 0) AND (tax IS NULL OR tax >= 0)),
    CONSTRAINT fills_seq_covers_qty CHECK (seq >= qty),
    CONSTRAINT fills_source CHECK (source IN ('WS', 'REST', 'INFERRED')),
    CONSTRAINT fills_void_consistent CHECK (
        (voided AND voided_ts IS NOT NULL AND void_reason IS NOT NULL)
        OR (NOT voided AND voided_ts IS NULL AND void_reason IS NULL))
);

CREATE INDEX fills_order_ts_idx ON trade.fills (order_id, ts DESC);

CREATE TABLE trade.holdings (
    account_id    TEXT        NOT NULL,
    symbol        TEXT        NOT NULL,
    qty           BIGINT      NOT NULL,
    avg_price     NUMERIC     NOT NULL,
    current_price NUMERIC,
    pnl           NUMERIC,
    pnl_pct       FLOAT8,
    updated_ts    TIMESTAMPTZ NOT NULL,
    raw           JSONB,
    PRIMARY KEY (account_id, symbol),
    CONSTRAINT holdings_qty_nonneg CHECK (qty >= 0),
    CONSTRAINT holdings_prices_nonneg CHECK (avg_price >= 0 AND (current_price IS NULL OR current_price >= 0))
);
