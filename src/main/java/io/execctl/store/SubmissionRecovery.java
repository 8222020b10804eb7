package io.execctl.store;

import io.execctl.domain.AbsenceVerdict;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import static io.execctl.store.SubmissionStore.sql;

/**
 * The journal moves other processes make once an owner is gone or silent (the reconcile path):
 * each is allowed only after the owner's send deadline, or with an inquiry's verdict.
 *
 * <ul>
 *   <li>A CLAIMED row past its deadline was never sent (a send needs a fencing write first), so
 *       anyone may {@link #takeOver take it over}.</li>
 *   <li>A SENT row past its deadline may have reached the broker: it becomes UNKNOWN
 *       ({@link #expireOverdue}), never CLAIMED.</li>
 *   <li>An UNKNOWN row is settled by inquiry: {@link #resolveFound} or {@link #resolveAbsent}, or
 *       re-claimed for one more send ({@link #reclaimForResend}) — only with an
 *       {@link AbsenceVerdict.Absent} for exactly its current attempt, after the minimum age, below
 *       the attempts cap and on the same trading date.</li>
 * </ul>
 */
public final class SubmissionRecovery {
    private final Handles handles;
    private final DbClock clock;

    private SubmissionRecovery(Handles handles, DbClock clock) {
        this.handles = handles;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** On the database's clock. */
    public static SubmissionRecovery of(Jdbi jdbi) {
        return of(jdbi, DbClock.database());
    }

    public static SubmissionRecovery of(Jdbi jdbi, DbClock clock) {
        return new SubmissionRecovery(Handles.of(jdbi), clock);
    }

    public static SubmissionRecovery on(Handle handle, DbClock clock) {
        return new SubmissionRecovery(Handles.of(handle), clock);
    }

    /**
     * Takes over a claim whose deadline passed: CLAIMED (nothing sent) → owner {@code newOwner},
     * deadline now + claim lease. The previous owner's fencing write fails from now on.
     */
    public Optional<Submission> takeOver(UUID intentId, Incarnation newOwner, JournalPolicy policy) {
        Objects.requireNonNull(newOwner, "newOwner");
        return handles.with(h -> h.createQuery(sql("""
                UPDATE trade.submissions s
                   SET claimed_by = :owner, claimed_ts = t.now, send_deadline = {lease}, updated_ts = t.now
                  FROM t
                 WHERE s.intent_id = :id AND s.state = 'CLAIMED' AND s.send_deadline <= t.now
                RETURNING {columns}"""))
                .bind("id", intentId)
                .bind("owner", newOwner.id())
                .bind("leaseMs", SubmissionStore.millis(policy.claimLease()))
                .bindByType("now", clock.bindValue(), Instant.class)
                .map(SubmissionStore::map)
                .findOne());
    }

    /**
     * Every SENT row whose deadline passed → UNKNOWN, with its intent SENDING → UNKNOWN, in one
     * statement. The owner may still answer (a late ACCEPTED/REJECTED of the same attempt stands).
     *
     * @return the intents moved
     */
    public List<UUID> expireOverdue() {
        return handles.inTransaction(h -> {
            List<Map.Entry<UUID, Instant>> rows = h.createQuery(sql("""
                            , moved AS (
                                UPDATE trade.submissions s
                                   SET state = 'UNKNOWN', updated_ts = t.now,
                                       error = 'send deadline passed without an outcome from ' || s.claimed_by
                                  FROM t
                                 WHERE s.state = 'SENT' AND s.send_deadline <= t.now
                                RETURNING s.intent_id, t.now AS at),
                              i AS (
                                UPDATE trade.order_intents oi SET status = 'UNKNOWN', updated_ts = moved.at
                                  FROM moved WHERE oi.intent_id = moved.intent_id AND oi.status = 'SENDING'
                                RETURNING oi.intent_id)
                            SELECT moved.intent_id, moved.at,
                                   EXISTS (SELECT 1 FROM i WHERE i.intent_id = moved.intent_id) AS intent_moved
                              FROM moved ORDER BY moved.intent_id"""))
                    .bindByType("now", clock.bindValue(), Instant.class)
                    .map((rs, ctx) -> Map.entry(
                            Db.uuid(rs, "intent_id"), rs.getBoolean("intent_moved") ? Db.instant(rs, "at") : null))
                    .list();
            for (Map.Entry<UUID, Instant> r : rows) {
                if (r.getValue() != null) {
                    IntentTransitions.on(h)
                            .announce(
                                    r.getKey(),
                                    IntentStatus.UNKNOWN,
                                    IntentTransitions.Why.code("SEND_DEADLINE_PASSED"),
                                    r.getValue());
                }
            }
            return rows.stream().map(Map.Entry::getKey).toList();
        });
    }

    /**
     * The ownership decision adopted {@code orderId} into this submission: SENT → ACCEPTED, or
     * UNKNOWN → RESOLVED, with the order. Also true when the journal already holds exactly this
     * order (the owner recorded it first, or a repair of a row that could not be written).
     *
     * @return false if the row holds another order or is in another state: nothing adopted
     */
    public boolean adopt(UUID intentId, String orderId, String note) {
        Objects.requireNonNull(orderId, "orderId");
        return handles.with(h -> {
            int moved = h.createUpdate(sql("""
                    UPDATE trade.submissions s
                       SET state = CASE s.state WHEN 'SENT' THEN 'ACCEPTED' ELSE 'RESOLVED' END,
                           order_id = :orderId, error = COALESCE(:note, s.error), updated_ts = t.now
                      FROM t
                     WHERE s.intent_id = :id AND s.state IN ('SENT', 'UNKNOWN')"""))
                    .bind("id", intentId)
                    .bind("orderId", orderId)
                    .bind("note", note)
                    .bindByType("now", clock.bindValue(), Instant.class)
                    .execute();
            if (moved == 1) {
                return true;
            }
            return h.createQuery("""
                            SELECT count(*) FROM trade.submissions
                             WHERE intent_id = :id AND state IN ('ACCEPTED', 'RESOLVED') AND order_id = :orderId""")
                            .bind("id", intentId)
                            .bind("orderId", orderId)
                            .mapTo(Long.class)
                            .one()
                    == 1;
        });
    }

    /** An inquiry found the order of the UNKNOWN attempt {@code attempt}: → RESOLVED with it. */
    public boolean resolveFound(UUID intentId, int attempt, String orderId, String note) {
        return handles.with(h -> h.createUpdate(sql("""
                        UPDATE trade.submissions s SET state = 'RESOLVED', order_id = :orderId, error = :note,
                               updated_ts = t.now
                          FROM t WHERE s.intent_id = :id AND s.state = 'UNKNOWN' AND s.attempts = :attempt"""))
                        .bind("id", intentId)
                        .bind("attempt", attempt)
                        .bind("orderId", Objects.requireNonNull(orderId, "orderId"))
                        .bind("note", note)
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .execute())
                == 1;
    }

    /**
     * Settles an UNKNOWN row as "no order, and none will be sent" (e.g. the attempts cap is reached
     * or the trading date is over): → RESOLVED without an order, with the proof recorded.
     */
    public boolean resolveAbsent(AbsenceVerdict.Absent proof, String note) {
        return handles.with(h -> h.createUpdate(sql("""
                        UPDATE trade.submissions s SET state = 'RESOLVED', error = :note, evidence = :evidence,
                               updated_ts = t.now
                          FROM t
                         WHERE s.intent_id = :id AND s.state = 'UNKNOWN' AND s.attempts = :attempt
                           AND s.send_deadline = :deadline AND s.first_sent_ts = :firstSent
                           AND s.trading_date = :tradingDate"""))
                        .bind("id", UUID.fromString(proof.question().intentId()))
                        .bind("attempt", proof.question().attempt())
                        .bind("deadline", proof.question().sendDeadline())
                        .bind("firstSent", proof.question().firstSentAt())
                        .bind("tradingDate", proof.question().tradingDate())
                        .bind("note", Objects.requireNonNull(note, "note"))
                        .bind("evidence", proof.describe())
                        .bindByType("now", clock.bindValue(), Instant.class)
                        .execute())
                == 1;
    }

    /**
     * Re-claims an UNKNOWN row for one more send, with its intent UNKNOWN → SENDING: only with proof
     * of absence for exactly the row's current attempt, send deadline, first send and trading date, once
     * {@link JournalPolicy#minResendAge()} has passed since the last send, while
     * {@code attempts < }{@link JournalPolicy#maxAttempts()}, and on the trading date of the first
     * send. The new owner then sends through {@link SubmissionStore#beginSend} as usual.
     *
     * @return the re-claimed row, or empty if any condition fails
     */
    public Optional<Submission> reclaimForResend(
            AbsenceVerdict.Absent proof, Incarnation newOwner, JournalPolicy policy) {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(newOwner, "newOwner");
        return handles.inTransaction(h -> {
            Optional<Submission> row = h.createQuery(sql("""
                    UPDATE trade.submissions s
                       SET state = 'CLAIMED', claimed_by = :owner, claimed_ts = t.now, evidence = :evidence,
                           send_deadline = {lease}, updated_ts = t.now
                      FROM t
                     WHERE s.intent_id = :id AND s.state = 'UNKNOWN' AND s.attempts = :attempt
                       AND s.send_deadline = :deadline AND s.first_sent_ts = :firstSent AND s.attempts < :maxAttempts
                       AND s.sent_ts <= t.now - CAST(:minAgeMs AS bigint) * interval '1 millisecond'
                       AND s.trading_date = {korean_date} AND s.trading_date = :tradingDate
                    RETURNING {columns}"""))
                    .bind("id", UUID.fromString(proof.question().intentId()))
                    .bind("owner", newOwner.id())
                    .bind("evidence", proof.describe())
                    .bind("attempt", proof.question().attempt())
                    .bind("deadline", proof.question().sendDeadline())
                    .bind("firstSent", proof.question().firstSentAt())
                    .bind("maxAttempts", policy.maxAttempts())
                    .bind("minAgeMs", SubmissionStore.millis(policy.minResendAge()))
                    .bind("tradingDate", proof.question().tradingDate())
                    .bind("leaseMs", SubmissionStore.millis(policy.claimLease()))
                    .bindByType("now", clock.bindValue(), Instant.class)
                    .map(SubmissionStore::map)
                    .findOne();
            row.ifPresent(r -> IntentTransitions.on(h)
                    .move(
                            r.intentId(),
                            EnumSet.of(IntentStatus.UNKNOWN),
                            IntentStatus.SENDING,
                            IntentTransitions.Why.code("RESEND_ON_ABSENCE"),
                            r.claimedTs()));
            return row;
        });
    }
}
