-- Fill notices held as suspected duplicates (docs/architecture.md, "Fill model", rule 6).
--
-- A KIS fill notice has no execution id, so a duplicated WebSocket frame arrives under a new receipt
-- and looks like a new execution. A notice that would take an order's live fills past the order
-- quantity cannot be a fact (an order never executes more than its quantity) and is not recorded as a
-- fill: it is kept here, whole, until the broker's final totals decide it — APPLIED (recorded as the
-- live fill fill_id; the final totals needed it) or DUPLICATE (never recorded). Rows are never
-- deleted: they are the evidence of what was received and why it did not count.
CREATE TABLE trade.held_notices (
    id            BIGSERIAL   PRIMARY KEY,
    account_id    TEXT        NOT NULL,
    order_date    DATE        NOT NULL,
    kis_order_no  TEXT        NOT NULL,
    order_id      TEXT        NOT NULL,
    receipt       TEXT        NOT NULL,
    executed_ts   TIMESTAMPTZ NOT NULL,
    qty           BIGINT      NOT NULL CHECK (qty > 0),
    price         NUMERIC(20, 4) NOT NULL CHECK (price >= 0),
    raw           JSONB,
    reason        TEXT        NOT NULL,
    held_ts       TIMESTAMPTZ NOT NULL,
    resolution    TEXT,
    resolved_ts   TIMESTAMPTZ,
    fill_id       UUID,
    CONSTRAINT held_notices_receipt UNIQUE (order_id, receipt),
    CONSTRAINT held_notices_resolution CHECK (
        (resolution IS NULL AND resolved_ts IS NULL AND fill_id IS NULL)
        OR (resolution = 'DUPLICATE' AND resolved_ts IS NOT NULL AND fill_id IS NULL)
        OR (resolution = 'APPLIED' AND resolved_ts IS NOT NULL AND fill_id IS NOT NULL)),
    FOREIGN KEY (account_id, order_date, kis_order_no)
        REFERENCES trade.orders (account_id, order_date, kis_order_no)
);

CREATE INDEX held_notices_pending_idx ON trade.held_notices (account_id, order_date, kis_order_no)
    WHERE resolved_ts IS NULL;
