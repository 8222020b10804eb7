package io.execctl.store;

import io.execctl.domain.JournalPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import static io.execctl.store.SubmissionStore.sql;

/**
 * The partial-cancel rows of the submission journal ({@code trade.submissions}, kind {@code CANCEL}):
 * a partial cancel is journalled exactly like an order, because a resend after an unknown outcome
 * would cancel 2N. Only the claim and the reads are here; the fencing writes, outcomes and recovery
 * moves are {@link SubmissionStore}'s and {@link SubmissionRecovery}'s, unchanged, keyed by the
 * cancel request id (stored in {@code intent_id}; no intent row exists for it, so their intent
 * updates touch nothing). One unresolved cancel per target order at a time (a unique index): the
 * evidence could not tell two of the same order apart.
 */
public final class CancelJournal {
    private static final String COLUMNS = SubmissionStore.COLUMNS + ", target_order_id, cancel_qty";

    /** A cancel row: the journal row and what it cancels. */
    public record CancelRow(Submission row, String targetOrderId, long qty) {
        public CancelRow {
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(targetOrderId, "targetOrderId");
            if (qty <= 0) {
                throw new IllegalArgumentException("a partial cancel has a positive quantity");
            }
        }

        public UUID requestId() {
            return row.intentId();
        }
    }

    private final Handles handles;
    private final DbClock clock;

    private CancelJournal(Handles handles, DbClock clock) {
        this.handles = handles;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static CancelJournal of(Jdbi jdbi) {
        return of(jdbi, DbClock.database());
    }

    public static CancelJournal of(Jdbi jdbi, DbClock clock) {
        return new CancelJournal(Handles.of(jdbi), clock);
    }

    /**
     * Claims cancel request {@code requestId} (CLAIMED, deadline now + claim lease): {@code qty}
     * shares of {@code targetOrderId}. Send only through {@link SubmissionStore#beginSend}.
     *
     * @return the new row; empty if the request id was used before or the target already has an
     *         unresolved cancel (then nothing was written)
     */
    public Optional<CancelRow> claim(
            UUID requestId,
            String targetOrderId,
            long qty,
            Incarnation owner,
            String requestJson,
            JournalPolicy policy) {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(targetOrderId, "targetOrderId");
        Objects.requireNonNull(owner, "owner");
        if (qty <= 0) {
            throw new IllegalArgumentException("a partial cancel needs a positive quantity");
        }
        return handles.inTransaction(h -> h.createQuery(sql("""
                        INSERT INTO trade.submissions (intent_id, kind, target_order_id, cancel_qty, state, claimed_by,
                                                       claimed_ts, send_deadline, request, created_ts, updated_ts)
                        SELECT :id, 'CANCEL', :target, :qty, 'CLAIMED', :owner, t.now, {lease}, CAST(:req AS jsonb),
                               t.now, t.now FROM t
                        ON CONFLICT DO NOTHING""") + " RETURNING " + COLUMNS)
                .bind("id", requestId)
                .bind("target", targetOrderId)
                .bind("qty", qty)
                .bind("owner", owner.id())
                .bind("req", requestJson)
                .bind("leaseMs", SubmissionStore.millis(policy.claimLease()))
                .bindByType("now", clock.bindValue(), Instant.class)
                .map(CancelJournal::map)
                .findOne());
    }

    public Optional<CancelRow> find(UUID requestId) {
        return handles.with(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM trade.submissions WHERE kind = 'CANCEL' AND intent_id = :id")
                .bind("id", requestId)
                .map(CancelJournal::map)
                .findOne());
    }

    /** The target's unresolved (CLAIMED, SENT, UNKNOWN) cancel, if any. */
    public Optional<CancelRow> unsettledFor(String targetOrderId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM trade.submissions
                        WHERE kind = 'CANCEL' AND target_order_id = :t AND state IN ('CLAIMED', 'SENT', 'UNKNOWN')""")
                .bind("t", targetOrderId)
                .map(CancelJournal::map)
                .findOne());
    }

    /** Every unresolved cancel, least recently updated first. */
    public List<CancelRow> unsettled() {
        return handles.with(h ->
                h.createQuery("SELECT " + COLUMNS + """
                         FROM trade.submissions
                        WHERE kind = 'CANCEL' AND state IN ('CLAIMED', 'SENT', 'UNKNOWN')
                        ORDER BY updated_ts, intent_id""").map(CancelJournal::map).list());
    }

    /** Every cancel row of the target, oldest first. */
    public List<CancelRow> ofTarget(String targetOrderId) {
        return handles.with(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM trade.submissions WHERE kind = 'CANCEL' AND target_order_id = :t
                        ORDER BY created_ts, intent_id""")
                .bind("t", targetOrderId)
                .map(CancelJournal::map)
                .list());
    }

    private static CancelRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CancelRow(SubmissionStore.map(rs, ctx), rs.getString("target_order_id"), rs.getLong("cancel_qty"));
    }
}
