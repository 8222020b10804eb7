package io.execctl.store;

import io.execctl.domain.AbsenceQuestion;
import io.execctl.domain.AbsenceRules;
import io.execctl.domain.KnownOrder;
import io.execctl.domain.OrderType;
import io.execctl.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A row of the submission journal {@code trade.submissions}: what execctl did about one intent's
 * order POST. The row is claimed before anything is sent and every send is fenced by its owner's
 * deadline, so at most one process ever sends an attempt, and an order POST whose outcome is
 * unknown is resolved by inquiry, resent only on evidence of absence.
 *
 * @param owner        the process incarnation holding the claim ({@code claimed_by})
 * @param sendDeadline until when the owner may send (claim) or the broker may still be answering
 *                     (sent); on the journal's clock
 * @param firstSentTs  the first fencing write of any attempt, null if nothing was ever sent
 * @param sentTs       the last fencing write, null if nothing was ever sent
 * @param tradingDate  the Korean date of the first send, null if nothing was ever sent
 * @param requestJson  the order request as sent (JSON text; carries the account number, so it is
 *                     left out of {@link #toString()})
 * @param responseJson the broker's answer (JSON text) when there was one
 * @param evidence     the absence verdict that licensed the last resend, if any
 */
public record Submission(
        UUID intentId,
        State state,
        int attempts,
        String owner,
        Instant claimedTs,
        Instant sendDeadline,
        Instant firstSentTs,
        Instant sentTs,
        LocalDate tradingDate,
        String requestJson,
        String responseJson,
        String orderId,
        String error,
        String evidence,
        Instant createdTs,
        Instant updatedTs) {

    /** The journal states and the moves between them. */
    public enum State {
        /** Claimed by {@code owner}; the current attempt has not been sent (earlier ones were proven absent). */
        CLAIMED,
        /** The fencing write was made: the POST is about to go or in flight; its outcome is not known. */
        SENT,
        /** The broker accepted the order ({@code order_id} set). Terminal. */
        ACCEPTED,
        /** The broker (or validation before sending) refused it. Terminal. */
        REJECTED,
        /** The POST's outcome is unknown (timeout, cut connection, 5xx, deadline passed): look it up first. */
        UNKNOWN,
        /** An UNKNOWN outcome settled by inquiry ({@code order_id} set if an order was found). Terminal. */
        RESOLVED,
        /** Could not be sent (nothing reached the broker). Terminal. */
        FAILED;

        public boolean isTerminal() {
            return this == ACCEPTED || this == REJECTED || this == RESOLVED || this == FAILED;
        }

        /** The states a move to this state may start from (the store's conditional UPDATEs). */
        public Set<State> allowedFrom() {
            return switch (this) {
                // Re-claimed for a resend only with evidence of absence of the UNKNOWN attempt; released by
                // its owner after the gateway refused the attempt before processing it (releaseUnprocessed).
                case CLAIMED -> EnumSet.of(UNKNOWN, SENT);
                // SENT -> SENT: the owner renews its deadline before retrying a POST known not processed.
                case SENT -> EnumSet.of(CLAIMED, SENT);
                case ACCEPTED -> EnumSet.of(SENT, UNKNOWN);
                case REJECTED -> EnumSet.of(CLAIMED, SENT, UNKNOWN);
                case UNKNOWN -> EnumSet.of(SENT);
                case RESOLVED -> EnumSet.of(UNKNOWN);
                // Never from UNKNOWN: an order may exist, which only RESOLVED may conclude.
                case FAILED -> EnumSet.of(CLAIMED, SENT);
            };
        }
    }

    public Submission {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(claimedTs, "claimedTs");
        Objects.requireNonNull(sendDeadline, "sendDeadline");
    }

    /** True if some attempt was fenced (and so may have reached the broker). */
    public boolean everSent() {
        return firstSentTs != null;
    }

    /**
     * The absence question about this row's current attempt, for {@link AbsenceRules#judge}: the
     * facts of the send from the journal, what was ordered from the request, and the orders of the
     * same date, symbol and side that execctl accounts for.
     *
     * @throws IllegalStateException if nothing was ever sent (a claim never sent needs no proof)
     */
    public AbsenceQuestion absenceQuestion(String symbol, Side side, long qty, List<KnownOrder> accounted) {
        return absenceQuestion(symbol, side, qty, null, null, accounted);
    }

    /**
     * The question with the order type and limit price sent (null = not known), so that an order the
     * ownership rule could never give this submission is no candidate; a resend's send window starts at
     * its own fencing write ({@code UnresolvedSubmission.windowFrom}, the ownership rule's start).
     */
    public AbsenceQuestion absenceQuestion(
            String symbol, Side side, long qty, OrderType orderType, BigDecimal price, List<KnownOrder> accounted) {
        if (!everSent()) {
            throw new IllegalStateException("submission " + intentId + " was never sent");
        }
        return new AbsenceQuestion(
                intentId.toString(),
                attempts,
                tradingDate,
                symbol,
                side,
                qty,
                firstSentTs,
                sendDeadline,
                accounted,
                orderType,
                price,
                attempts > 1 && sentTs != null && sentTs.isAfter(firstSentTs) ? sentTs : firstSentTs);
    }

    @Override
    public String toString() {
        return "Submission[" + intentId + " " + state + ", attempts " + attempts + ", by " + owner
                + ", deadline " + sendDeadline
                + (orderId == null ? "" : ", order " + orderId) + (error == null ? "" : ", error " + error)
                + ", updated " + updatedTs + "]";
    }
}
