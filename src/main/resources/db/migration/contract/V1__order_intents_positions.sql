-- Contract tables owned by the strategy side. In production the strategy's own migrations create
-- them; execctl creates them only with `migrate --with-contract-tables` (standalone installs, the
-- demo, tests). The shape is the contract: no CHECKs beyond it, so that a bad intent row stays
-- readable and execctl rejects it with a reason instead of the strategy's INSERT failing silently.

CREATE TABLE trade.order_intents (
    intent_id    UUID        PRIMARY KEY,
    position_id  UUID,
    candidate_id UUID,
    symbol       TEXT        NOT NULL,
    intent_type  TEXT        NOT NULL,
    qty          BIGINT      NOT NULL,
    order_type   TEXT        NOT NULL,
    limit_price  NUMERIC,
    reason_code  TEXT        NOT NULL,
    action_key   TEXT        NOT NULL UNIQUE,
    status       TEXT        NOT NULL DEFAULT 'NEW',
    created_ts   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_ts   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- execctl reads NEW intents in creation order.
CREATE INDEX order_intents_new_idx ON trade.order_intents (created_ts, intent_id) WHERE status = 'NEW';

CREATE TABLE trade.positions (
    position_id UUID        PRIMARY KEY,
    account_id  TEXT        NOT NULL,
    symbol      TEXT        NOT NULL,
    side        TEXT        NOT NULL,
    qty         BIGINT      NOT NULL,
    avg_price   NUMERIC     NOT NULL,
    entry_ts    TIMESTAMPTZ NOT NULL,
    status      TEXT        NOT NULL,
    strategy_id TEXT,
    version     INT         NOT NULL DEFAULT 1,
    updated_ts  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Wakes execctl as soon as a strategy commits a new intent (NOTIFY is delivered on commit).
-- execctl also polls, so this trigger is an optimisation; the strategy side adds the same
-- function and trigger to its own migration in production (docs/schema.md).
CREATE FUNCTION trade.order_intents_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('execctl_intents', NEW.intent_id::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER order_intents_notify_after_insert
    AFTER INSERT ON trade.order_intents
    FOR EACH ROW EXECUTE FUNCTION trade.order_intents_notify();
