-- Why execctl ended an intent the way it did, in a table execctl owns. The application role may
-- write only status and updated_ts of the strategy's order_intents (examples/roles.sql), so a
-- rejection reason or the broker's message never goes there; strategies read it through
-- trade.intent_status_v. One row per intent, the latest outcome (see docs/schema.md).
CREATE TABLE trade.intent_outcomes (
    intent_id   UUID        PRIMARY KEY,
    status      TEXT        NOT NULL,                  -- domain.IntentStatus, as written to order_intents
    reason_code TEXT,                                  -- execctl's reason, e.g. INVALID_QTY, BROKER_REJECTED
    msg_cd      TEXT,                                  -- the broker's msg_cd, when it answered
    msg1        TEXT,                                  -- the broker's msg1 (its text)
    updated_ts  TIMESTAMPTZ NOT NULL,
    CONSTRAINT intent_outcomes_status CHECK (status IN
        ('NEW', 'SENDING', 'UNKNOWN', 'SUBMITTED', 'FILLED', 'CANCELLED', 'REJECTED', 'FAILED', 'DUPLICATE'))
);

-- What strategies read: an intent's outcome and, once the broker accepted it, its order.
-- (No join to order_intents: that table belongs to the strategy side and may be created later.)
CREATE VIEW trade.intent_status_v AS
SELECT io.intent_id,
       io.status,
       io.reason_code,
       io.msg_cd,
       io.msg1,
       io.updated_ts,
       o.order_id,
       o.status         AS order_status,
       o.filled_qty,
       o.open_qty,
       o.avg_fill_price
  FROM trade.intent_outcomes io
  LEFT JOIN trade.orders o ON o.intent_id = io.intent_id;
