package io.execctl.engine.cancel;

import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.engine.submit.JournalFence;
import io.execctl.kis.KisClient;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.OrderOutcome;
import io.execctl.kis.Paged;
import io.execctl.store.CancelJournal;
import io.execctl.store.CancelJournal.CancelRow;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderStore;
import io.execctl.store.SendPermit;
import io.execctl.store.SubmissionStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A partial cancel ({@code QTY_ALL_ORD_YN=N}, {@code ORD_QTY=N}) journalled like an order: claim
 * (a CANCEL row of the submission journal keyed by the cancel request id) → the journal's fencing
 * write before every POST → the outcome written for exactly that attempt → an unknown outcome is
 * resolved only by evidence ({@link CancelResolver}). A resend can therefore never cancel 2N, and a
 * second request for the same order waits until the first is resolved. The cancel goes to the live
 * member of the order's modify chain ({@link ChainWalk}), checked against its cancellable quantity.
 */
public final class PartialCanceller {
    private final KisClient kis;
    private final Jdbi jdbi;
    private final Incarnation owner;
    private final JournalPolicy policy;
    private final CancelCounters counters;
    private final SubmissionStore journal;
    private final CancelJournal cancels;
    private final ChainWalk chain;

    public PartialCanceller(
            KisClient kis, Jdbi jdbi, Incarnation owner, JournalPolicy policy, CancelCounters counters) {
        this.kis = Objects.requireNonNull(kis, "kis");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.journal = SubmissionStore.of(jdbi);
        this.cancels = CancelJournal.of(jdbi);
        this.chain = new ChainWalk(kis, jdbi);
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
        Order given = OrderStore.of(jdbi)
                .findByKey(target)
                .orElseThrow(() -> new IllegalArgumentException("no such order: " + target.orderId()));
        Optional<CancelRow> earlier = cancels.find(requestId);
        if (earlier.isPresent()) {
            return report(earlier.get());
        }
        Live live = live(given, qty);
        if (live.order() == null) {
            return new PartialResult(requestId, PartialResult.Outcome.FAILED, null, live.why());
        }
        Order order = live.order();
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

    /** The chain member to cancel from, or why there is none (nothing was sent). */
    private record Live(Order order, String why) {}

    /**
     * The live member of {@code given}'s modify chain ({@link ChainWalk}, as the kill switch finds
     * it): the one open ODNO at the broker, whose cancellable quantity must cover {@code qty}. A
     * modify gives the rest a new ODNO; a cancel sent to the original would be refused.
     */
    private Live live(Order given, long qty) {
        Paged<OpenOrder> open = kis.openOrders(given.side());
        if (!open.complete()) {
            return new Live(null, "open-orders inquiry incomplete: " + open.reason());
        }
        List<OpenOrder> members = ChainWalk.liveMembers(
                given.key().odno(),
                open.rows(),
                chain.edges(
                        given.key(), given.symbol(), given.side(), given.key().orderDate()));
        if (members.isEmpty()) {
            return new Live(null, "nothing of " + given.orderId() + " or its modify chain is open to cancel");
        }
        if (members.size() > 1) {
            return new Live(
                    null,
                    members.size() + " open orders in the modify chain of " + given.orderId()
                            + "; cancel one of them by its own order id");
        }
        OpenOrder m = members.get(0);
        if (qty > m.psblQty()) {
            return new Live(null, "only " + m.psblQty() + " cancellable on live ODNO " + m.odno());
        }
        OrderKey key = OrderKey.of(given.accountId(), given.key().orderDate(), m.odno());
        if (key.equals(given.key())) {
            return new Live(given, null);
        }
        return OrderStore.of(jdbi)
                .findByKey(key)
                .map(o -> new Live(o, null))
                .orElseGet(() -> new Live(
                        null,
                        "the chain's live ODNO " + key.odno()
                                + " is not recorded yet (it is once a sync has seen it); try again"));
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
