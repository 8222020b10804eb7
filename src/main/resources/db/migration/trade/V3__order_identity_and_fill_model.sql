-- Order identity without the branch, and the fill model's rows (docs/architecture.md "Identity",
-- "Fill model"; docs/schema.md).

-- The account tag of an order id: first 10 hex digits of SHA-256('execctl-account:' || account).
-- Same function as domain.AccountTag; hides the account number from whoever sees only order ids.
CREATE FUNCTION trade.account_tag(account_id TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT substr(encode(sha256(convert_to('execctl-account:' || account_id, 'UTF8')), 'hex'), 1, 10) $$;

-- order_id becomes yyyyMMdd-ODNO-tag: identity is (account, trading date, ODNO); the branch stays
-- a column (cancel/modify need it) but the three sources of it may disagree.
ALTER TABLE trade.fills DROP CONSTRAINT fills_order_id_fkey;
ALTER TABLE trade.orders DROP CONSTRAINT orders_order_id_is_key;
ALTER TABLE trade.orders ADD CONSTRAINT orders_account_id_format CHECK (account_id ~ '^[0-9]{8}-[0-9]{2}$');
UPDATE trade.fills f
   SET order_id = to_char(o.order_date, 'YYYYMMDD') || '-' || o.kis_order_no || '-' || trade.account_tag(o.account_id)
  FROM trade.orders o
 WHERE f.order_id = o.order_id;
UPDATE trade.orders
   SET order_id = to_char(order_date, 'YYYYMMDD') || '-' || kis_order_no || '-' || trade.account_tag(account_id);
ALTER TABLE trade.orders ADD CONSTRAINT orders_order_id_is_key
    CHECK (order_id = to_char(order_date, 'YYYYMMDD') || '-' || kis_order_no || '-' || trade.account_tag(account_id));
ALTER TABLE trade.fills ADD CONSTRAINT fills_order_id_fkey
    FOREIGN KEY (order_id) REFERENCES trade.orders (order_id);

-- An over-filled order (the reducer's ERROR) must be recordable.
ALTER TABLE trade.orders DROP CONSTRAINT orders_qty_balance;
ALTER TABLE trade.orders ADD CONSTRAINT orders_qty_balance CHECK (status = 'ERROR' OR filled_qty + open_qty <= qty);

-- What REST snapshots proved: the highest tot_ccld_qty/tot_ccld_amt seen, and whether they were
-- broker-final (rmn_qty = 0 and tot_ccld_qty + cncl_cfrm_qty + rjct_qty = ord_qty).
ALTER TABLE trade.orders
    ADD COLUMN broker_ccld_qty BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN broker_ccld_amt NUMERIC NOT NULL DEFAULT 0,
    ADD COLUMN broker_final    BOOLEAN NOT NULL DEFAULT false,
    ADD CONSTRAINT orders_broker_ccld_nonneg CHECK (broker_ccld_qty >= 0 AND broker_ccld_amt >= 0);

-- Fills: a WS fill is keyed by its notice receipt (connection/frame/record), an inferred one by its
-- ordinal (fill_id); no (order, seq) key, which a voided row would block forever. amount is exact.
ALTER TABLE trade.fills
    ADD COLUMN amount  NUMERIC,
    ADD COLUMN receipt TEXT,
    ADD COLUMN row_no  BIGSERIAL;
UPDATE trade.fills SET amount = qty * price;
UPDATE trade.fills SET receipt = 'pre-v3/' || seq || '/0' WHERE source = 'WS';
ALTER TABLE trade.fills ALTER COLUMN amount SET NOT NULL;
ALTER TABLE trade.fills DROP CONSTRAINT fills_order_seq;
ALTER TABLE trade.fills DROP CONSTRAINT fills_seq_covers_qty;
ALTER TABLE trade.fills DROP COLUMN seq;
ALTER TABLE trade.fills
    ADD CONSTRAINT fills_order_receipt UNIQUE (order_id, receipt),
    ADD CONSTRAINT fills_row_no UNIQUE (row_no),
    ADD CONSTRAINT fills_amount_nonneg CHECK (amount >= 0),
    ADD CONSTRAINT fills_ws_has_receipt CHECK (source <> 'WS' OR receipt IS NOT NULL),
    ADD CONSTRAINT fills_ws_amount_exact CHECK (source <> 'WS' OR amount = qty * price);

CREATE INDEX fills_order_row_idx ON trade.fills (order_id, row_no);
