package io.execctl.engine.cancel;

import java.util.Objects;
import java.util.UUID;

/**
 * What became of one partial cancel request.
 *
 * @param cancelOrderId the cancel's own order id ({@code yyyyMMdd-ODNO-tag}) when the broker took it
 * @param detail        the broker's message, the reason, or what is missing to resolve it
 */
public record PartialResult(UUID requestId, Outcome outcome, String cancelOrderId, String detail) {

    /** Outcomes; only {@link #UNKNOWN} and {@link #BUSY} leave something unresolved (exit 4). */
    public enum Outcome {
        /** The broker accepted the cancel (or evidence found it after an unknown answer). */
        CANCELLED,
        /** The broker refused it; nothing was cancelled. */
        REJECTED,
        /** Never reached the broker; nothing was cancelled. */
        FAILED,
        /** Its outcome is unknown and no evidence settled it yet; it is never resent on a guess. */
        UNKNOWN,
        /** Another cancel of the same order is unresolved; nothing was sent. */
        BUSY;

        public boolean unresolved() {
            return this == UNKNOWN || this == BUSY;
        }
    }

    /** The same result with another detail text. */
    public PartialResult withDetail(String d) {
        return new PartialResult(requestId, outcome, cancelOrderId, d);
    }

    public PartialResult {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
