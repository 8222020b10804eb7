-- The intent wake-up trigger alone, for sites where the strategy side owns trade.order_intents
-- (`execctl migrate --with-intent-trigger`). Same function and trigger as the contract migration
-- V1__order_intents_positions.sql, written to be re-runnable: it replaces what is there.
CREATE OR REPLACE FUNCTION trade.order_intents_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('execctl_intents', NEW.intent_id::text);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS order_intents_notify_after_insert ON trade.order_intents;

CREATE TRIGGER order_intents_notify_after_insert
    AFTER INSERT ON trade.order_intents
    FOR EACH ROW EXECUTE FUNCTION trade.order_intents_notify();
