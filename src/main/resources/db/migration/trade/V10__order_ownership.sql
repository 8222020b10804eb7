-- Ownership of broker orders, unknown-outcome resolution and the quantity being sold
-- (docs/engine.md "Order ownership", "Resolving UNKNOWN submissions", "For strategy authors").

-- Every intent status change is announced with a sequence, so a correction (SUBMITTED -> FILLED ->
-- SUBMITTED -> FILLED) is a new event instead of being swallowed by an event key seen before.
ALTER TABLE trade.intent_outcomes ADD COLUMN seq BIGINT NOT NULL DEFAULT 1;

-- A cancel or modify row (orig_order_no set) of an order execctl holds keeps the original's source
-- and position, but not its intent (orders.intent_id is one intent -> at most one order).
ALTER TABLE trade.orders DROP CONSTRAINT orders_intent_unless_external;
ALTER TABLE trade.orders ADD CONSTRAINT orders_intent_unless_external
    CHECK (intent_id IS NOT NULL OR source = 'EXTERNAL' OR orig_order_no IS NOT NULL);

-- The ownership decision looks up unresolved submissions by the shape of the order they sent.
CREATE INDEX submissions_shape_idx ON trade.submissions ((request ->> 'symbol'), (request ->> 'side'))
    WHERE state IN ('CLAIMED', 'SENT', 'UNKNOWN');
CREATE INDEX submissions_order_id_idx ON trade.submissions (order_id) WHERE order_id IS NOT NULL;

-- What is being sold per position, the one definition (store.PositionSelling reads it, the exit
-- engine should too): the open quantity of the position's non-terminal SELL orders, plus the
-- quantity of its SELL submissions that may still become an order without a row yet: claimed or
-- sent (intent SENDING), UNKNOWN, or accepted in the journal before the order row was written.
-- Built on execctl's tables only (the journal's request carries side, qty and position_id), so it
-- does not depend on the strategy-owned order_intents.
CREATE VIEW trade.position_selling_v AS
SELECT position_id,
       sum(open_order_qty)::bigint     AS open_order_qty,
       sum(in_flight_qty)::bigint      AS in_flight_qty,
       sum(open_order_qty + in_flight_qty)::bigint AS selling_qty
  FROM (SELECT o.position_id, o.open_qty AS open_order_qty, 0::bigint AS in_flight_qty
          FROM trade.orders o
         WHERE o.position_id IS NOT NULL AND o.side = 'SELL'
           AND o.status IN ('SUBMITTED', 'PARTIAL', 'UNKNOWN', 'ERROR')
        UNION ALL
        SELECT CAST(s.request ->> 'position_id' AS uuid), 0::bigint, CAST(s.request ->> 'qty' AS bigint)
          FROM trade.submissions s
         WHERE s.request ->> 'side' = 'SELL' AND s.request ->> 'position_id' IS NOT NULL
           AND (s.state IN ('CLAIMED', 'SENT', 'UNKNOWN')
                OR (s.state IN ('ACCEPTED', 'RESOLVED') AND s.order_id IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM trade.orders o2 WHERE o2.order_id = s.order_id)))) parts
 GROUP BY position_id;
