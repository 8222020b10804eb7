package io.execctl.store;

import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Side;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The claim of a fresh, valid intent as <em>one</em> statement: the same-shape check, the journal row
 * (CLAIMED, owner, deadline), the intent NEW → SENDING, its reason row and its {@code INTENT_STATUS}
 * outbox event. It writes exactly what {@link SubmissionStore#claim} followed by {@link
 * IntentTransitions#announce} writes (same rows, same event key and payload); it exists because the
 * submission latency is counted in database round trips (five statements become one).
 *
 * <p>The caller's transaction holds the intent's row lock ({@link IntentStore#lockIfNew}) and the
 * order-shape advisory lock, taken by an <em>earlier</em> statement: this statement's snapshot is
 * taken after the lock was granted, so a claim of the same shape committed by another claimer is
 * seen (in one statement the snapshot would predate the lock wait).
 */
public final class FreshClaims {
    /** What {@link #claim} did. */
    public enum Result {
        /** Journal row CLAIMED by us, intent SENDING, reason and event written. */
        CLAIMED,
        /** Nothing written: a submission of the same symbol, side and quantity is unresolved. */
        SAME_SHAPE_IN_FLIGHT,
        /** Nothing written: the intent was claimed before (by anyone) or is not NEW. */
        TAKEN
    }

    private static final String CLAIM = SubmissionStore.WITH_NOW + """
            , shape AS (
                SELECT count(*) AS n FROM trade.submissions
                 WHERE state IN ('CLAIMED', 'SENT', 'UNKNOWN') AND request ->> 'symbol' = :sym
                   AND request ->> 'side' = :side AND request ->> 'qty' = :qty AND intent_id <> :id),
            sub AS (
                INSERT INTO trade.submissions (intent_id, state, claimed_by, claimed_ts, send_deadline, request,
                                               created_ts, updated_ts)
                SELECT :id, 'CLAIMED', :owner, t.now, {lease}, CAST(:req AS jsonb), t.now, t.now
                  FROM t, shape WHERE shape.n = 0
                ON CONFLICT (intent_id) DO NOTHING
                RETURNING intent_id, claimed_ts),
            mv AS (
                UPDATE trade.order_intents i SET status = 'SENDING', updated_ts = sub.claimed_ts
                  FROM sub WHERE i.intent_id = sub.intent_id AND i.status = 'NEW'
                RETURNING i.intent_id, sub.claimed_ts),
            oc AS (
                INSERT INTO trade.intent_outcomes (intent_id, status, reason_code, msg_cd, msg1, updated_ts, seq)
                SELECT mv.intent_id, 'SENDING', 'CLAIMED', NULL, NULL, mv.claimed_ts, 1 FROM mv
                ON CONFLICT (intent_id) DO UPDATE
                   SET status = EXCLUDED.status, reason_code = EXCLUDED.reason_code,
                       msg_cd = EXCLUDED.msg_cd, msg1 = EXCLUDED.msg1,
                       updated_ts = GREATEST(trade.intent_outcomes.updated_ts, EXCLUDED.updated_ts),
                       seq = trade.intent_outcomes.seq + 1
                RETURNING seq),
            ev AS (
                INSERT INTO trade.outbox (event_type, aggregate_id, event_key, payload, created_ts)
                SELECT :eventType, :idText, 'intent-status:' || :idText || ':' || oc.seq,
                       jsonb_build_object('intent_id', :idText, 'status', 'SENDING', 'reason_code', 'CLAIMED',
                                          'order_id', NULL, 'seq', oc.seq),
                       mv.claimed_ts
                  FROM oc, mv
                ON CONFLICT (event_key) DO NOTHING
                RETURNING id)
            SELECT shape.n AS same_shape, (SELECT count(*) FROM sub) AS inserted, (SELECT count(*) FROM mv) AS moved,
                   (SELECT count(*) FROM ev) AS announced
              FROM shape
            """.replace("{lease}", SubmissionStore.PLUS_LEASE);

    private final Handle handle;
    private final DbClock clock;

    private FreshClaims(Handle handle, DbClock clock) {
        this.handle = Objects.requireNonNull(handle, "handle");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** In the caller's transaction, on the database's clock. */
    public static FreshClaims on(Handle handle) {
        return new FreshClaims(handle, DbClock.database());
    }

    /**
     * Claims {@code intentId} for {@code owner} unless a submission of the shape {@code symbol, side,
     * qty} is unresolved. Must run in a transaction that already holds the intent's row lock and the
     * shape's advisory lock.
     *
     * @throws IllegalStateException if no transaction is open
     */
    public Result claim(
            UUID intentId,
            Incarnation owner,
            String requestJson,
            String symbol,
            Side side,
            long qty,
            JournalPolicy policy) {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(owner, "owner");
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("a fresh claim runs inside the claim transaction, after its locks");
        }
        long[] r = handle.createQuery(CLAIM)
                .bind("id", intentId)
                .bind("idText", intentId.toString())
                .bind("owner", owner.id())
                .bind("req", requestJson)
                .bind("sym", symbol)
                .bind("side", side.name())
                .bind("qty", Long.toString(qty))
                .bind("leaseMs", SubmissionStore.millis(policy.claimLease()))
                .bind("eventType", OutboxEvent.INTENT_STATUS)
                .bindByType("now", clock.bindValue(), Instant.class)
                .map((rs, ctx) -> new long[] {
                    rs.getLong("same_shape"), rs.getLong("inserted"), rs.getLong("moved"), rs.getLong("announced")
                })
                .one();
        if (r[0] > 0) {
            return Result.SAME_SHAPE_IN_FLIGHT;
        }
        if (r[1] == 0) {
            return Result.TAKEN;
        }
        if (r[2] == 0) {
            // the journal row went in but the intent was not NEW: undo, as SubmissionStore.claim does
            handle.createUpdate("DELETE FROM trade.submissions WHERE intent_id = :id")
                    .bind("id", intentId)
                    .execute();
            return Result.TAKEN;
        }
        return Result.CLAIMED;
    }
}
