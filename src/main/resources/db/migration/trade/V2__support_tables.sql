-- Execution-internal support tables: token cache, sync cursors, broker audit, outbox, parked
-- notices and the submission journal (see docs/schema.md).

-- One cached credential per KIS environment + app-key fingerprint + kind, shared by every process.
-- value is NULL when only an issuance attempt is remembered (issuance is limited to once a minute).
CREATE TABLE trade.kis_tokens (
    env                TEXT        NOT NULL,
    app_key_fp         TEXT        NOT NULL,            -- one-way hash of the app key, never the key
    kind               TEXT        NOT NULL,
    value              TEXT,
    issued_at          TIMESTAMPTZ,
    expires_at         TIMESTAMPTZ,
    last_issue_attempt TIMESTAMPTZ,
    updated_ts         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (env, app_key_fp, kind),
    CONSTRAINT kis_tokens_kind CHECK (kind IN ('ACCESS', 'APPROVAL')),
    CONSTRAINT kis_tokens_value_dated CHECK (value IS NULL OR (issued_at IS NOT NULL AND expires_at IS NOT NULL))
);

-- Named positions of incremental syncs (e.g. the last inquire-daily-ccld page seen).
CREATE TABLE trade.sync_cursors (
    name       TEXT        PRIMARY KEY,
    value      JSONB       NOT NULL,
    updated_ts TIMESTAMPTZ NOT NULL
);

-- Append-only audit of everything the broker sent (decrypted WS frames, REST bodies), kept even
-- when it could not be parsed. The service role may only INSERT and SELECT (examples/roles.sql).
CREATE TABLE trade.broker_messages (
    id            BIGSERIAL   PRIMARY KEY,
    received_ts   TIMESTAMPTZ NOT NULL,
    channel       TEXT        NOT NULL,
    tr_id         TEXT,
    endpoint      TEXT,
    payload       TEXT        NOT NULL,
    parse_outcome TEXT        NOT NULL,
    error         TEXT,
    correlation   TEXT,                                 -- e.g. the order_id the message concerns
    CONSTRAINT broker_messages_channel CHECK (channel IN ('WS', 'REST')),
    CONSTRAINT broker_messages_outcome CHECK (parse_outcome IN ('OK', 'ERROR', 'IGNORED')),
    CONSTRAINT broker_messages_error_explained CHECK (parse_outcome <> 'ERROR' OR error IS NOT NULL)
);

CREATE INDEX broker_messages_received_idx ON trade.broker_messages (received_ts);
CREATE INDEX broker_messages_correlation_idx ON trade.broker_messages (correlation) WHERE correlation IS NOT NULL;
CREATE INDEX broker_messages_errors_idx ON trade.broker_messages (id) WHERE parse_outcome = 'ERROR';

-- Events for other modules, written in the same transaction as the change they describe.
CREATE TABLE trade.outbox (
    id           BIGSERIAL   PRIMARY KEY,
    event_type   TEXT        NOT NULL,                  -- ORDER_STATUS, FILL, HOLDING_MISMATCH, ...
    aggregate_id TEXT        NOT NULL,                  -- e.g. order_id, account_id:symbol
    event_key    TEXT        UNIQUE,                    -- optional dedupe key, e.g. FILL:<fill_id>
    payload      JSONB       NOT NULL,
    created_ts   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_ts TIMESTAMPTZ,
    CONSTRAINT outbox_event_type_format CHECK (event_type ~ '^[A-Z][A-Z0-9_]*$')
);

CREATE INDEX outbox_unpublished_idx ON trade.outbox (id) WHERE published_ts IS NULL;
CREATE INDEX outbox_aggregate_idx ON trade.outbox (aggregate_id, id);

-- NOTIFY is transactional: listeners hear the id only when the inserting transaction commits,
-- and never for a rolled-back one.
CREATE FUNCTION trade.outbox_notify() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('execctl_events', NEW.id::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify_after_insert
    AFTER INSERT ON trade.outbox
    FOR EACH ROW EXECUTE FUNCTION trade.outbox_notify();

-- WS execution notices for orders not known yet (the notice raced the order's own row); retried
-- until the order appears, then resolved. The same notice parked twice is one row.
CREATE TABLE trade.parked_notices (
    id              BIGSERIAL   PRIMARY KEY,
    notice_key      TEXT        NOT NULL,               -- e.g. yyyyMMdd-ODNO or the order_id it names
    payload         TEXT        NOT NULL,
    payload_md5     TEXT        GENERATED ALWAYS AS (md5(payload)) STORED,
    received_ts     TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    last_attempt_ts TIMESTAMPTZ,
    last_error      TEXT,
    resolved_ts     TIMESTAMPTZ,
    resolution      TEXT,
    CONSTRAINT parked_notices_unique UNIQUE (notice_key, payload_md5),
    CONSTRAINT parked_notices_attempts_nonneg CHECK (attempts >= 0)
);

CREATE INDEX parked_notices_pending_idx ON trade.parked_notices (received_ts, id) WHERE resolved_ts IS NULL;

-- The submission journal: an intent is claimed here (one row, one transaction) before any order
-- POST, so a crash, a restart or a second daemon can never send it twice. order_id has no foreign
-- key: an accepted response is journalled even if the order row is written by a later sync.
CREATE TABLE trade.submissions (
    intent_id  UUID        PRIMARY KEY,
    state      TEXT        NOT NULL,
    attempts   INT         NOT NULL DEFAULT 0,
    claimed_by TEXT        NOT NULL,
    claimed_ts TIMESTAMPTZ NOT NULL,
    request    JSONB,
    response   JSONB,
    order_id   TEXT,
    error      TEXT,
    created_ts TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_ts TIMESTAMPTZ NOT NULL,
    CONSTRAINT submissions_state CHECK (state IN
        ('CLAIMED', 'SENT', 'ACCEPTED', 'REJECTED', 'UNKNOWN', 'RESOLVED', 'FAILED')),
    CONSTRAINT submissions_attempts_nonneg CHECK (attempts >= 0),
    CONSTRAINT submissions_accepted_has_order CHECK (state <> 'ACCEPTED' OR order_id IS NOT NULL)
);

CREATE INDEX submissions_unsettled_idx ON trade.submissions (state, updated_ts)
    WHERE state IN ('CLAIMED', 'SENT', 'UNKNOWN');
