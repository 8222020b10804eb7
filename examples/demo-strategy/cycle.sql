-- One demo cycle, as a strategy writes it (see README.md). psql variables: account.
-- 1. The entry: 5 shares of 005930 at market, for a position the strategy will open.
SELECT gen_random_uuid() AS position_id \gset
INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type, limit_price,
                                 reason_code, action_key)
VALUES (gen_random_uuid(), :'position_id', '005930', 'ENTRY', 5, 'MKT', NULL, 'DEMO', 'demo-entry-' || :'position_id');

-- 2. Wait until execctl reports the entry's order FILLED (status SUBMITTED → FILLED), e.g.:
SELECT i.intent_id, i.status, v.order_id, v.order_status, v.filled_qty, v.avg_fill_price, v.reason_code
  FROM trade.order_intents i LEFT JOIN trade.intent_status_v v ON v.intent_id = i.intent_id
 WHERE i.action_key = 'demo-entry-' || :'position_id';

-- 3. Open the position from the fills (execctl never writes positions).
INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price, entry_ts, status, strategy_id)
SELECT :'position_id', :'account', o.symbol, 'LONG', o.filled_qty, o.avg_fill_price, now(), 'OPEN', 'demo'
  FROM trade.orders o JOIN trade.order_intents i ON i.intent_id = o.intent_id
 WHERE i.action_key = 'demo-entry-' || :'position_id' AND o.filled_qty > 0;

-- 4. Sell part of it with a limit price on the KRX grid (72,000 won: ticks of 100).
INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type, limit_price,
                                 reason_code, action_key)
VALUES (gen_random_uuid(), :'position_id', '005930', 'EXIT_PARTIAL', 2, 'LMT', 71700, 'DEMO',
        'demo-exit-partial-' || :'position_id');

-- 5. When that order is terminal, apply its live fills to the position (and touch updated_ts).
UPDATE trade.positions p
   SET qty = p.qty - s.sold, version = version + 1, updated_ts = now()
  FROM (SELECT COALESCE(sum(f.qty), 0) AS sold
          FROM trade.fills f JOIN trade.orders o ON o.order_id = f.order_id
          JOIN trade.order_intents i ON i.intent_id = o.intent_id
         WHERE i.action_key = 'demo-exit-partial-' || :'position_id' AND NOT f.voided
           AND o.status IN ('FILLED', 'CANCELLED', 'CANCELLED_PARTIAL')) s
 WHERE p.position_id = :'position_id';

-- 6. Exit the rest at market; close the position once it is filled.
INSERT INTO trade.order_intents (intent_id, position_id, symbol, intent_type, qty, order_type, limit_price,
                                 reason_code, action_key)
SELECT gen_random_uuid(), :'position_id', '005930', 'EXIT_FULL', p.qty, 'MKT', NULL, 'DEMO', 'demo-exit-full-' || :'position_id'
  FROM trade.positions p WHERE p.position_id = :'position_id' AND p.qty > 0;
