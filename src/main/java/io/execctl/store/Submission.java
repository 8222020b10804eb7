package io.execctl.store;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A row of the submission journal {@code trade.submissions}: what execctl did about one intent's
 * order POST. The row is claimed before anything is sent, so at most one process ever sends an
 * intent, and an order POST whose outcome is unknown is resolved by inquiry, never resent blindly.
 *
 * @param requestJson  the order request as sent (JSON text; carries the account number, so it is
 *                     left out of {@link #toString()})
 * @param responseJson the broker's answer (JSON text) when there was one
 */
public record Submission(
        UUID intentId,
        State state,
        int attempts,
        String claimedBy,
        Instant claimedTs,
        String requestJson,
        String responseJson,
        String orderId,
        String error,
        Instant createdTs,
        Instant updatedTs) {

    /** The journal states and the moves between them. */
    public enum State {
        /** Claimed by {@code claimed_by}; nothing has been sent yet. */
        CLAIMED,
        /** The POST is about to go or in flight; its outcome is not known. */
        SENT,
        /** The broker accepted the order ({@code order_id} set). Terminal. */
        ACCEPTED,
        /** The broker (or validation before sending) refused it. Terminal. */
        REJECTED,
        /** The POST's outcome is unknown (timeout, cut connection, 5xx): look it up before anything else. */
        UNKNOWN,
        /** An UNKNOWN outcome settled by inquiry ({@code order_id} set if an order was found). Terminal. */
        RESOLVED,
        /** Could not be sent (nothing reached the broker). Terminal. */
        FAILED;

        public boolean isTerminal() {
            return this == ACCEPTED || this == REJECTED || this == RESOLVED || this == FAILED;
        }

        /** The states a move to this state may start from. */
        public Set<State> allowedFrom() {
            return switch (this) {
                case CLAIMED -> EnumSet.noneOf(State.class);
                // UNKNOWN -> SENT only after an inquiry proved that no order exists.
                case SENT -> EnumSet.of(CLAIMED, UNKNOWN);
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
        Objects.requireNonNull(claimedBy, "claimedBy");
        Objects.requireNonNull(claimedTs, "claimedTs");
    }

    @Override
    public String toString() {
        return "Submission[" + intentId + " " + state + ", attempts " + attempts + ", by " + claimedBy
                + (orderId == null ? "" : ", order " + orderId) + (error == null ? "" : ", error " + error)
                + ", updated " + updatedTs + "]";
    }
}
