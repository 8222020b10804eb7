-- Confirmed cancels lower the original's open quantity (docs/engine.md "Cancel and modify").
--
-- A partial cancel leaves the original open with fewer shares; nothing in the fill model knows it,
-- so open_qty stayed qty - filled_qty. cancelled_qty is the quantity the broker confirmed taken
-- from the order by cancels (and modifies, as daily-ccld's cncl_cfrm_qty counts them): it only
-- grows, to the largest of what each source proves, so a confirmation seen twice (notice and REST)
-- counts once. open_qty is written as max(0, qty - filled_qty - cancelled_qty) while the order is open.
ALTER TABLE trade.orders
    ADD COLUMN cancelled_qty BIGINT NOT NULL DEFAULT 0,
    ADD CONSTRAINT orders_cancelled_qty CHECK (cancelled_qty >= 0);

-- Each confirmed cancel of an order, once per cancel ODNO (a notice with OODER_NO = the order, or a
-- daily-ccld cancel row with orgn_odno = the order): their sum is what the per-cancel evidence proves.
CREATE TABLE trade.order_cancel_confirms (
    order_id     TEXT        NOT NULL REFERENCES trade.orders (order_id) ON DELETE CASCADE,
    cancel_odno  TEXT        NOT NULL,
    qty          BIGINT      NOT NULL CHECK (qty > 0),
    source       TEXT        NOT NULL CHECK (source IN ('NOTICE', 'DAILY_CCLD')),
    confirmed_ts TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (order_id, cancel_odno)
);
