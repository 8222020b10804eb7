-- Cancels and modifies (docs/engine.md "Cancel and modify").
--
-- 1. A partial cancel is journalled like an order, in the same table and through the same fencing
--    writes (store.SubmissionStore): kind CANCEL, keyed by a cancel request id (stored in intent_id,
--    which has no foreign key), naming the order it cancels and how many shares. A resend after an
--    unknown outcome needs the same evidence of absence as an order, so a cancel of N never becomes 2N.
--    At most one unresolved cancel per target order at a time (the evidence could not tell two apart).
ALTER TABLE trade.submissions
    ADD COLUMN kind            TEXT   NOT NULL DEFAULT 'ORDER',
    ADD COLUMN target_order_id TEXT,
    ADD COLUMN cancel_qty      BIGINT,
    ADD CONSTRAINT submissions_kind CHECK (kind IN ('ORDER', 'CANCEL')),
    ADD CONSTRAINT submissions_cancel_shape CHECK (
        kind <> 'CANCEL' OR (target_order_id IS NOT NULL AND cancel_qty > 0));

CREATE UNIQUE INDEX submissions_one_unsettled_cancel_per_target ON trade.submissions (target_order_id)
    WHERE kind = 'CANCEL' AND state IN ('CLAIMED', 'SENT', 'UNKNOWN');

-- 2. Cancel and modify rows of an order we hold (ours, or made by an operator in HTS) are stored as
--    source REVISION: no intent of their own, orig_order_no naming the order they change (ORGN_ODNO /
--    OODER_NO). They are never EXTERNAL. A modify row carries the moved quantity and receives the
--    fills that arrive under its own ODNO; a cancel row never executes (open_qty 0).
ALTER TABLE trade.orders DROP CONSTRAINT orders_source;
ALTER TABLE trade.orders ADD CONSTRAINT orders_source CHECK (source IN ('INTENT', 'EXTERNAL', 'REVISION'));
ALTER TABLE trade.orders DROP CONSTRAINT orders_intent_unless_external;
ALTER TABLE trade.orders ADD CONSTRAINT orders_intent_unless_external
    CHECK (intent_id IS NOT NULL OR source IN ('EXTERNAL', 'REVISION'));
ALTER TABLE trade.orders ADD CONSTRAINT orders_revision_names_original
    CHECK (source <> 'REVISION' OR (orig_order_no IS NOT NULL AND intent_id IS NULL));

CREATE INDEX orders_orig_order_idx ON trade.orders (account_id, order_date, orig_order_no)
    WHERE orig_order_no IS NOT NULL;

-- 3. The chain of an order: the order itself (depth 0, orig_order_no NULL) and every order that
--    changes it, transitively, on the same account and trading date (ODNO restarts daily).
CREATE VIEW trade.order_chain_v AS
WITH RECURSIVE chain AS (
    SELECT o.order_id AS root_order_id, o.intent_id AS root_intent_id, o.order_id,
           o.account_id, o.order_date, o.kis_order_no, 0 AS depth
      FROM trade.orders o
     WHERE o.orig_order_no IS NULL
    UNION ALL
    SELECT c.root_order_id, c.root_intent_id, o.order_id, o.account_id, o.order_date, o.kis_order_no, c.depth + 1
      FROM chain c
      JOIN trade.orders o ON o.account_id = c.account_id AND o.order_date = c.order_date
                         AND o.orig_order_no = c.kis_order_no
     WHERE c.depth < 64
)
SELECT root_order_id, root_intent_id, order_id, depth FROM chain;

-- 4. An intent's execution over its chain: fills stay on the ODNO they arrived under, the intent's
--    total is the sum. "live" counts members that may still execute (not terminal, something open).
CREATE VIEW trade.intent_chain_v AS
SELECT c.root_intent_id                                                    AS intent_id,
       c.root_order_id,
       count(*)                                                            AS orders,
       sum(o.filled_qty)                                                   AS filled_qty,
       sum(o.open_qty) FILTER (WHERE o.status IN ('SUBMITTED', 'PARTIAL', 'UNKNOWN', 'ERROR'))
                                                                           AS open_qty,
       count(*) FILTER (WHERE o.status IN ('SUBMITTED', 'PARTIAL', 'UNKNOWN', 'ERROR') AND o.open_qty > 0)
                                                                           AS live_orders,
       bool_and(o.status = 'REJECTED')                                     AS all_rejected
  FROM trade.order_chain_v c
  JOIN trade.orders o ON o.order_id = c.order_id
 WHERE c.root_intent_id IS NOT NULL
 GROUP BY c.root_intent_id, c.root_order_id;
