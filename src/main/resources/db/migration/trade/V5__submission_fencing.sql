-- The submission journal becomes a fenced lease (docs/architecture.md, "Submission journal").
-- claimed_by now holds a process incarnation (a random id per start, never host:pid). A claim and
-- every send attempt carry a send deadline on the database's clock: the owner may send only after a
-- conditional write (owner is me AND deadline not passed) that renews it, and another process may
-- take a claim over or call a send UNKNOWN only once it has passed.

ALTER TABLE trade.submissions
    ADD COLUMN send_deadline TIMESTAMPTZ,
    ADD COLUMN first_sent_ts TIMESTAMPTZ,      -- first fencing write of any attempt (coverage starts here)
    ADD COLUMN sent_ts       TIMESTAMPTZ,      -- last fencing write (minimum age of a resend counts from it)
    ADD COLUMN trading_date  DATE,             -- Korean date of the first send; every absence proof is scoped to it
    ADD COLUMN evidence      TEXT;             -- the absence verdict that licensed the last resend

-- Rows of the old journal: their deadline has passed; a SENT/UNKNOWN row is treated as sent at its last update.
UPDATE trade.submissions SET send_deadline = claimed_ts;
UPDATE trade.submissions
   SET first_sent_ts = updated_ts, sent_ts = updated_ts,
       trading_date = (updated_ts AT TIME ZONE 'Asia/Seoul')::date,
       attempts = GREATEST(attempts, 1)
 WHERE state IN ('SENT', 'UNKNOWN', 'ACCEPTED', 'RESOLVED') AND sent_ts IS NULL;

ALTER TABLE trade.submissions
    ALTER COLUMN send_deadline SET NOT NULL,
    ADD CONSTRAINT submissions_sent_is_dated CHECK (
        state NOT IN ('SENT', 'UNKNOWN', 'ACCEPTED', 'RESOLVED')
        OR (first_sent_ts IS NOT NULL AND sent_ts IS NOT NULL AND trading_date IS NOT NULL AND attempts >= 1)),
    ADD CONSTRAINT submissions_first_send_first CHECK (first_sent_ts IS NULL OR sent_ts >= first_sent_ts);

-- Reconcile reads the SENT rows whose deadline has passed.
CREATE INDEX submissions_deadline_idx ON trade.submissions (send_deadline) WHERE state IN ('CLAIMED', 'SENT');
