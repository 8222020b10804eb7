-- Outbox consumers must never skip an event. ids come from a sequence taken during the inserting
-- transaction, so a transaction holding id 5 can commit after one holding id 6: a reader that saw 6
-- and remembers "after 6" would never see 5. Each event therefore records the top-level id of the
-- transaction that wrote it (xid8), and readers consume in (xid, id) order only below the
-- xmin of their snapshot, where every transaction has ended: nothing can commit there any more.
-- See docs/outbox.md. Existing rows get the migrating transaction's xid (one value: id order stays).

ALTER TABLE trade.outbox ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX outbox_commit_order_idx ON trade.outbox (xid, id);
