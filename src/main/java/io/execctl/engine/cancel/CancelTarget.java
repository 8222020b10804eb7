package io.execctl.engine.cancel;

import io.execctl.domain.OrderAddress;
import io.execctl.domain.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One order the kill switch must see closed, and what it knows about it so far. Mutable, owned by
 * one {@link KillSwitch} run on one thread.
 */
final class CancelTarget {
    final String odno;
    final String symbol;
    final Side side;
    /** Our {@code trade.orders} id, or null for an order we do not hold (HTS). */
    final String orderId;

    OrderAddress address;
    CancelAnswer last;
    Instant lastAnswerAt;
    Instant lastSentAt;
    int sends;
    long openQty;
    boolean listedOpen;
    /** Why it is a target: the selection itself, or a modify of a target (the chain's live ODNO). */
    String via;

    CancelTarget(OrderAddress address, String symbol, Side side, String orderId, String via) {
        this.address = Objects.requireNonNull(address, "address");
        this.odno = address.odno();
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.side = Objects.requireNonNull(side, "side");
        this.orderId = orderId;
        this.via = via;
    }

    /**
     * Closed: the broker gave a definite answer to our last cancel (accepted, or refused: nothing
     * left or another refusal), and a complete open-orders inquiry taken after that answer does not
     * list it.
     */
    boolean closed(Instant snapshotTakenAt) {
        return !listedOpen
                && last != null
                && last.kind().definite()
                && lastAnswerAt != null
                && !lastAnswerAt.isAfter(snapshotTakenAt);
    }

    /** Whether a (full, idempotent) cancel should go now. */
    boolean needsSend(Instant now, Duration resendAfter) {
        if (sends == 0) {
            return true;
        }
        if (!last.kind().definite()) {
            return true;
        }
        return listedOpen && !now.isBefore(lastSentAt.plus(resendAfter));
    }

    /** Why it is not closed, for the report. */
    String why(boolean snapshotComplete) {
        if (!snapshotComplete) {
            return "open-orders inquiry incomplete";
        }
        if (last == null) {
            return "no cancel sent";
        }
        if (listedOpen) {
            return "still open (" + openQty + " cancellable) after: " + last.detail();
        }
        return last.detail();
    }
}
