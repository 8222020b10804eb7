package io.execctl.engine.cancel;

import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.engine.submit.JournalFence;
import io.execctl.kis.KisClient;
import io.execctl.kis.OrderOutcome;
import io.execctl.store.CancelJournal;
import io.execctl.store.CancelJournal.CancelRow;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderStore;
import io.execctl.store.SendPermit;
import io.execctl.store.SubmissionStore;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A partial cancel ({@code QTY_ALL_ORD_YN=N}, {@code ORD_QTY=N}) journalled like an order: claim
 * (a CANCEL row of the submission journal keyed by the cancel request id) → the journal's fencing
 * write before every POST → the outcome written for exactly that attempt → an unknown outcome is
 * resolved only by evidence ({@link CancelResolver}). A resend can therefore never cancel 2N, and a
 * second request for the same order waits until the first is resolved.
 */
public final class PartialCanceller {
    private final KisClient kis;
    private final Jdbi jdbi;
    private final Incarnation owner;
    private final JournalPolicy policy;
    private final CancelCounters counters;
    private final SubmissionStore journal;
    private final CancelJournal cancels;

    public PartialCanceller(
            KisClient kis, Jdbi jdbi, Incarnation owner, JournalPolicy policy, CancelCounters counters) {
        this.kis = Objects.requireNonNull(kis, "kis");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.journal = SubmissionStore.of(jdbi);
        this.cancels = CancelJournal.of(jdbi);
    }

    /**
     * Cancels {@code qty} shares of {@code target} under request {@code requestId}. Repeating a
     * request id never sends again: it reports the request's journal state.
     */
    public PartialResult cancel(OrderKey target, long qty, UUID requestId) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requestId, "requestId");
        if (qty <= 0) {
            throw new IllegalArgumentException("--qty must be positive");
        }
        Order order = OrderStore.of(jdbi)
                .findByKey(target)
                .orElseThrow(() -> new IllegalArgumentException("no such order: " + target.orderId()));
        Optional<CancelRow> earlier = cancels.find(requestId);
        if (earlier.isPresent()) {
            return report(earlier.get());
        }
        Optional<CancelRow> busy = cancels.unsettledFor(order.orderId());
        if (busy.isPresent()) {
            return new PartialResult(
                    requestId,
                    PartialResult.Outcome.BUSY,
                    null,
                    "cancel request " + busy.get().requestId() + " of this order is "
                            + busy.get().row().state() + "; it must be resolved first");
        }
        String request = "{\"kind\":\"PARTIAL_CANCEL\",\"target\":\"%s\",\"odno\":\"%s\",\"qty\":%d}"
                .formatted(order.orderId(), order.key().odno(), qty);
        Optional<CancelRow> claimed = cancels.claim(requestId, order.orderId(), qty, owner, request, policy);
        if (claimed.isEmpty()) {
            return new PartialResult(
                    requestId, PartialResult.Outcome.BUSY, null, "another cancel of this order was claimed first");
        }
        return send(claimed.get(), order);
    }

    /** The POST of a claimed (CLAIMED) row, fenced, and its outcome; also the one resend after absence. */
    PartialResult send(CancelRow row, Order order) {
        UUID id = row.requestId();
        JournalFence fence = new JournalFence(journal, id, owner, policy);
        OrderOutcome out = kis.cancelPartial(order.address(), row.qty(), fence);
        CancelAnswer answer = CancelAnswer.of(out);
        counters.cancelSent(answer.kind());
        Optional<SendPermit> permit = fence.permit();
        if (permit.isEmpty()) {
            journal.failUnsent(id, owner, "not sent: " + answer.detail());
            return new PartialResult(id, PartialResult.Outcome.FAILED, null, answer.detail());
        }
        SendPermit p = permit.get();
        if (out instanceof OrderOutcome.Accepted a) {
            String cancelId =
                    OrderKey.of(order.accountId(), p.tradingDate(), a.odno()).orderId();
            journal.markAccepted(p, cancelId, a.raw());
            return new PartialResult(id, PartialResult.Outcome.CANCELLED, cancelId, answer.detail());
        }
        if (out instanceof OrderOutcome.Rejected r) {
            journal.markRejected(p, r.raw(), answer.detail());
            return new PartialResult(id, PartialResult.Outcome.REJECTED, null, answer.detail());
        }
        if (out instanceof OrderOutcome.Unknown) {
            journal.markUnknown(p, answer.detail());
            return new PartialResult(id, PartialResult.Outcome.UNKNOWN, null, answer.detail());
        }
        // Refused (before processing) or Failed (not sent): nothing happened at the broker
        journal.markFailed(p, answer.detail());
        return new PartialResult(id, PartialResult.Outcome.FAILED, null, answer.detail());
    }

    /** The state of an existing request, as a result. */
    static PartialResult report(CancelRow row) {
        String err =
                row.row().error() == null ? row.row().state().name() : row.row().error();
        PartialResult.Outcome o =
                switch (row.row().state()) {
                    case ACCEPTED -> PartialResult.Outcome.CANCELLED;
                    case RESOLVED ->
                        row.row().orderId() != null ? PartialResult.Outcome.CANCELLED : PartialResult.Outcome.FAILED;
                    case REJECTED -> PartialResult.Outcome.REJECTED;
                    case FAILED -> PartialResult.Outcome.FAILED;
                    case CLAIMED, SENT, UNKNOWN -> PartialResult.Outcome.UNKNOWN;
                };
        return new PartialResult(row.requestId(), o, row.row().orderId(), err);
    }
}
