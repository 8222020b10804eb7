-- Parked notices are keyed by their receipt (connection id, frame index, record index), never by
-- payload: two genuine identical fills in one second are two notices. They are routed by the order's
-- identity (account, trading date, ODNO), never by ODNO alone.
ALTER TABLE trade.parked_notices DROP CONSTRAINT parked_notices_unique;
ALTER TABLE trade.parked_notices DROP COLUMN payload_md5;
ALTER TABLE trade.parked_notices
    ADD COLUMN account_id    TEXT,
    ADD COLUMN order_date    DATE,
    ADD COLUMN kis_order_no  TEXT,
    ADD COLUMN connection_id TEXT,
    ADD COLUMN frame_index   BIGINT,
    ADD COLUMN record_index  INT;
-- Rows parked before this version have no receipt and no routing key; they stay (pending ones for
-- an operator), with a synthetic receipt.
UPDATE trade.parked_notices SET connection_id = 'pre-v4', frame_index = id, record_index = 0;
ALTER TABLE trade.parked_notices DROP COLUMN notice_key;
ALTER TABLE trade.parked_notices
    ALTER COLUMN connection_id SET NOT NULL,
    ALTER COLUMN frame_index SET NOT NULL,
    ALTER COLUMN record_index SET NOT NULL,
    ADD CONSTRAINT parked_notices_receipt UNIQUE (connection_id, frame_index, record_index),
    ADD CONSTRAINT parked_notices_receipt_nonneg CHECK (frame_index >= 0 AND record_index >= 0),
    ADD CONSTRAINT parked_notices_routed CHECK (connection_id = 'pre-v4'
        OR (account_id IS NOT NULL AND order_date IS NOT NULL AND kis_order_no ~ '^[0-9]{10}$'));

CREATE INDEX parked_notices_order_idx ON trade.parked_notices (account_id, order_date, kis_order_no)
    WHERE resolved_ts IS NULL;
