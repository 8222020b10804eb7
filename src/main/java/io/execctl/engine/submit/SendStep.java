package io.execctl.engine.submit;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Intent;
import io.execctl.domain.IntentStatus;
import io.execctl.domain.JournalPolicy;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderRequest;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.engine.Failpoints;
import io.execctl.engine.LogContext;
import io.execctl.engine.ownership.ParkedNoticeReplay;
import io.execctl.kis.OrderOutcome;
import io.execctl.store.Incarnation;
import io.execctl.store.OrderTx;
import io.execctl.store.OutboxEvent;
import io.execctl.store.SendPermit;
import io.execctl.store.Submission;
import io.execctl.store.SubmissionStore;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 3–6 of the send protocol for one claimed, valid intent: the POST through the client with the
 * journal's fence, then the outcome in one transaction per case. An unknown outcome is recorded as
 * UNKNOWN and never resent here: {@link UnknownResolver} settles it by the evidence rules.
 */
final class SendStep {
    private static final Logger LOG = LoggerFactory.getLogger(SendStep.class);

    private final Jdbi jdbi;
    private final OrderPort port;
    private final String accountId;
    private final Incarnation owner;
    private final JournalPolicy policy;
    private final OutcomeWriter writer;
    private final SubmitAlerts alerts;
    private final ParkedNoticeReplay replay;

    SendStep(
            Jdbi jdbi,
            OrderPort port,
            String accountId,
            Incarnation owner,
            JournalPolicy policy,
            OutcomeWriter writer,
            SubmitAlerts alerts,
            ParkedNoticeReplay replay) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.port = Objects.requireNonNull(port, "port");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.replay = Objects.requireNonNull(replay, "replay");
    }

    SubmitResult send(Claim.Ready ready) {
        Intent intent = ready.intent();
        OrderRequest req = ready.request();
        JournalFence fence = new JournalFence(SubmissionStore.of(jdbi), intent.intentId(), owner, policy);
        OrderOutcome out;
        try {
            out = port.place(req, fence);
        } catch (RuntimeException e) {
            out = fence.permit().isPresent()
                    ? new OrderOutcome.Unknown(
                            "the send failed unexpectedly (" + e.getClass().getSimpleName() + ")", null)
                    : new OrderOutcome.Failed("not sent: " + e.getClass().getSimpleName(), null);
        }
        if (out instanceof OrderOutcome.Accepted a) {
            return accepted(ready, fence.permit().orElseThrow(), a);
        }
        if (out instanceof OrderOutcome.Rejected r) {
            return rejected(ready, fence.permit().orElseThrow(), r);
        }
        if (out instanceof OrderOutcome.Unknown u) {
            return unknown(ready, fence.permit().orElseThrow(), u.reason());
        }
        if (out instanceof OrderOutcome.Refused f) {
            return f.noToken() ? noToken(ready, fence, f) : refused(ready, fence.permit(), f);
        }
        OrderOutcome.Failed f = (OrderOutcome.Failed) out;
        if (fence.writeFailed()) {
            return deferred(ready, fence, f.reason());
        }
        if (fence.lost()) {
            return lapsed(ready, fence, f.reason());
        }
        return failed(ready, fence, f.reason());
    }

    /**
     * The fencing write was refused: nothing was sent, and the claim is not ours to send now — another
     * owner took it over, or its lease ran out while this process waited (for a token through KIS's
     * one-a-minute spacing, for a rate slot). Neither is a business failure: a claim still ours but
     * expired is released for the takeover of expired claims, which sends it through a new fencing
     * write; one another owner holds is left to it. Never FAILED (a chaos day ended seven valid
     * intents FAILED this way).
     */
    private SubmitResult lapsed(Claim.Ready ready, JournalFence fence, String reason) {
        boolean released;
        try {
            released = release(ready, fence, "lease ran out before the send");
        } catch (RuntimeException e) {
            released = false;
        }
        if (!released) {
            return result(ready, SubmitOutcome.SKIPPED, null, "claim lost before sending: " + reason);
        }
        LOG.info(
                "intent {}: the claim's lease ran out before the send ({}); released for the takeover",
                ready.intent().intentId(),
                reason);
        return result(ready, SubmitOutcome.DEFERRED, null, reason + "; lease ran out, released and retried");
    }

    /**
     * The fencing write could not be made (the database unreachable): that attempt sent nothing, and
     * a database outage is no business failure. The claim stays (journal CLAIMED, or SENT for a retry
     * of an attempt proven unprocessed; intent SENDING) and is released best-effort so that the
     * takeover of expired claims sends it through a new fencing write as soon as the database answers;
     * if the release cannot be written either, the claim's own deadline lets the takeover (CLAIMED) or
     * the resolver (SENT → UNKNOWN, then evidence) finish it. Never FAILED, never sent twice.
     */
    /**
     * Hands an unsent claim back for the takeover: the attempt proven unprocessed (SENT → CLAIMED) when a
     * fencing write was granted, else the CLAIMED row's deadline set to now. False when it is not ours.
     */
    private boolean release(Claim.Ready ready, JournalFence fence, String why) {
        SubmissionStore rows = SubmissionStore.of(jdbi);
        return fence.permit().isPresent()
                ? rows.releaseUnprocessed(fence.permit().get(), why)
                : rows.releaseClaim(ready.intent().intentId(), owner, why);
    }

    private SubmitResult deferred(Claim.Ready ready, JournalFence fence, String reason) {
        return deferred(ready, fence, reason, "database unreachable at the send fence", "the database is back");
    }

    /**
     * Nothing was sent and the intent is not at fault: the claim is handed back (best-effort; else its
     * deadline does it) for the takeover of expired claims, alert {@code SUBMIT_DEFERRED}, outcome
     * DEFERRED. Never FAILED.
     */
    private SubmitResult deferred(Claim.Ready ready, JournalFence fence, String reason, String why, String until) {
        try {
            release(ready, fence, why);
        } catch (RuntimeException e) {
            LOG.info(
                    "intent {}: the claim could not be released either ({}); its deadline lets the takeover retry it",
                    ready.intent().intentId(),
                    e.getClass().getSimpleName());
        }
        alerts.raise(
                "SUBMIT_DEFERRED",
                "intent " + ready.intent().intentId() + " was not sent (" + reason
                        + "): it stays claimed and is sent when " + until);
        return result(ready, SubmitOutcome.DEFERRED, null, reason + "; stays claimed, retried");
    }

    /**
     * Records an accepted order in two steps. First the journal (SENT/UNKNOWN → ACCEPTED with the
     * ODNO and the raw answer) commits on its own: whatever fails after it, the broker's key is never
     * lost, and {@code OrderOwnership} adopts the order from the journal when it is seen again. Then,
     * under the order's lock, the {@code orders} row, the intent SUBMITTED and the events.
     */
    private SubmitResult accepted(Claim.Ready ready, SendPermit permit, OrderOutcome.Accepted a) {
        OrderKey key = a.key(accountId, permit.tradingDate());
        try (LogContext.Scope ignored = LogContext.order(key.orderId())) {
            return recordAccepted(ready, permit, a, key);
        }
    }

    private SubmitResult recordAccepted(Claim.Ready ready, SendPermit permit, OrderOutcome.Accepted a, OrderKey key) {
        Intent intent = ready.intent();
        OrderRequest req = ready.request();
        boolean journalMoved;
        try {
            journalMoved = SubmissionStore.of(jdbi).markAccepted(permit, key.orderId(), a.raw());
        } catch (RuntimeException e) {
            // the database is unreachable after the POST: the row stays SENT, goes UNKNOWN at its
            // deadline and the resolver adopts the order from the broker; never FAILED, never resent
            alerts.raise(
                    "SUBMIT_RECORD_FAILED",
                    "order " + key.orderId() + " of intent " + intent.intentId() + " was accepted but the journal"
                            + " could not record it (" + e.getClass().getSimpleName()
                            + "); the resolver adopts it from the broker");
            return result(ready, SubmitOutcome.UNKNOWN, key.orderId(), "accepted; not recorded yet (database)");
        }
        if (!journalMoved) {
            String held = SubmissionStore.of(jdbi)
                    .find(intent.intentId())
                    .map(Submission::orderId)
                    .orElse(null);
            if (!key.orderId().equals(held)) {
                alerts.raise(
                        "SUBMIT_LATE_ACCEPT",
                        "order " + key.orderId() + " of intent " + intent.intentId() + " was accepted for attempt "
                                + permit.attempt() + " but the journal had moved on (holds " + held
                                + "): two orders may exist; the late one is left to the ownership decision");
                return result(ready, SubmitOutcome.UNKNOWN, key.orderId(), "accepted after the journal moved on");
            }
        }
        Order order = new Order(
                key,
                intent.intentId(),
                intent.positionId(),
                a.branch(),
                null,
                req.symbol(),
                req.side(),
                req.orderType(),
                req.qty(),
                req.orderType() == OrderType.LMT ? req.price() : null,
                0,
                req.qty(),
                null,
                BrokerStatus.ACCEPTED,
                OrderStatus.SUBMITTED,
                OrderSource.INTENT,
                null,
                permit.sentAt(),
                writer.now());
        try {
            new OrderTx(jdbi).useOrderTransaction(key, tx -> {
                boolean inserted = tx.orders().upsert(order, a.raw());
                Failpoints.hit(Failpoints.AFTER_RECORD_BEFORE_INTENT);
                writer.intentMoved(
                        tx.handle(),
                        intent.intentId(),
                        EnumSet.of(IntentStatus.SENDING, IntentStatus.UNKNOWN),
                        IntentStatus.SUBMITTED,
                        null,
                        a.msgCd(),
                        a.msg1(),
                        key.orderId());
                if (inserted) {
                    tx.outbox()
                            .append(OutboxEvent.of(
                                    OutboxEvent.ORDER_STATUS,
                                    key.orderId(),
                                    "order-status:" + key.orderId() + ":SUBMITTED",
                                    "{\"order_id\":\"" + key.orderId() + "\",\"status\":\"SUBMITTED\"}",
                                    writer.now()));
                }
                // notices that arrived before the answer, after the intent is SUBMITTED (a fill may end it)
                replay.replay(tx.handle(), key);
                if (!inserted) {
                    // the row existed (another path wrote it first, possibly with fills already): the
                    // intent follows the order's chain, not the bare acceptance
                    tx.chains().settleIntent(key, "ORDER_RECORDED", writer.now());
                }
            });
            LOG.info("order {} of intent {} accepted by the broker", key.orderId(), intent.intentId());
        } catch (RuntimeException e) {
            alerts.raise(
                    "SUBMIT_RECORD_FAILED",
                    "order " + key.orderId() + " of intent " + intent.intentId() + " is in the journal but its row"
                            + " could not be written (" + e.getClass().getSimpleName()
                            + "); the resolver adopts it from the journal");
            return result(ready, SubmitOutcome.UNKNOWN, key.orderId(), "accepted; order row not written yet");
        }
        return result(ready, SubmitOutcome.SUBMITTED, key.orderId(), null);
    }

    /** A business rejection; also after the deadline passed and recovery made the intent UNKNOWN. */
    private SubmitResult rejected(Claim.Ready ready, SendPermit permit, OrderOutcome.Rejected r) {
        String reason = r.msgCd() + " " + r.msg1();
        jdbi.useTransaction(h -> {
            if (SubmissionStore.on(h).markRejected(permit, r.raw(), reason)) {
                writer.intentMoved(
                        h,
                        ready.intent().intentId(),
                        EnumSet.of(IntentStatus.SENDING, IntentStatus.UNKNOWN),
                        IntentStatus.REJECTED,
                        "BROKER_REJECTED",
                        r.msgCd(),
                        r.msg1(),
                        null);
            }
        });
        return result(ready, SubmitOutcome.REJECTED, null, "broker: " + reason);
    }

    private SubmitResult unknown(Claim.Ready ready, SendPermit permit, String reason) {
        jdbi.useTransaction(h -> {
            if (SubmissionStore.on(h).markUnknown(permit, reason)) {
                writer.recordOnly(h, ready.intent().intentId(), IntentStatus.UNKNOWN, "OUTCOME_UNKNOWN", writer.now());
            }
        });
        alerts.raise(
                "SUBMIT_UNKNOWN",
                "intent " + ready.intent().intentId() + ": the order POST's outcome is unknown (" + reason
                        + "); it is not resent and must be resolved");
        return result(ready, SubmitOutcome.UNKNOWN, null, reason);
    }

    /**
     * The gateway refused our credentials before processing: the attempt is released (SENT →
     * CLAIMED, deadline now), so the next pass — of this process or another — takes it over and sends
     * it through a new fencing write once the cause clears. The intent stays SENDING meanwhile.
     */
    private SubmitResult refused(Claim.Ready ready, Optional<SendPermit> permit, OrderOutcome.Refused f) {
        permit.ifPresent(p -> SubmissionStore.of(jdbi).releaseUnprocessed(p, "refused: " + f.msgCd()));
        alerts.raise(
                "SUBMIT_REFUSED",
                "the gateway refused our credentials (" + f.msgCd() + ") for intent "
                        + ready.intent().intentId()
                        + ": submission paused, the intent stays claimed and is retried when the cause clears");
        return result(ready, SubmitOutcome.REFUSED, null, f.reason());
    }

    /**
     * No access token for the send (KIS's one-a-minute spacing after an early expiry, an issuance
     * failing for now): nothing left the process, and it is no fault of the intent. The claim is
     * handed back for the takeover of expired claims, which sends it through a new fencing write once
     * a token is there; the intent stays SENDING. Never FAILED: a chaos day's valid intent ended
     * FAILED, never sent, for one injected 500 on {@code tokenP}.
     */
    private SubmitResult noToken(Claim.Ready ready, JournalFence fence, OrderOutcome.Refused f) {
        return deferred(ready, fence, f.reason(), "no access token", "a token is there again");
    }

    private SubmitResult failed(Claim.Ready ready, JournalFence fence, String reason) {
        Optional<SendPermit> permit = fence.permit();
        boolean journalMoved = jdbi.inTransaction(h -> {
            SubmissionStore journal = SubmissionStore.on(h);
            boolean moved = permit.isPresent()
                    ? journal.markFailed(permit.get(), reason)
                    : journal.failUnsent(ready.intent().intentId(), owner, reason);
            if (moved) {
                writer.intentMoved(
                        h,
                        ready.intent().intentId(),
                        IntentStatus.SENDING,
                        IntentStatus.FAILED,
                        "SEND_FAILED",
                        null,
                        null);
            }
            return moved;
        });
        if (!journalMoved) {
            // The claim was taken over (our fencing write failed after its deadline): the journal row is
            // another process's now, or recovery's; this pass reports and leaves it alone.
            return result(ready, SubmitOutcome.SKIPPED, null, "claim lost before sending: " + reason);
        }
        alerts.raise("SUBMIT_FAILED", "intent " + ready.intent().intentId() + " could not be sent: " + reason);
        return result(ready, SubmitOutcome.FAILED, null, reason);
    }

    private static SubmitResult result(Claim.Ready ready, SubmitOutcome outcome, String orderId, String reason) {
        OrderRequest r = ready.request();
        return new SubmitResult(
                ready.intent().intentId(), r.symbol(), r.side().name(), r.qty(), outcome, orderId, reason);
    }
}
