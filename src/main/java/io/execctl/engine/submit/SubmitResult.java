package io.execctl.engine.submit;

import java.util.Objects;
import java.util.UUID;

/**
 * One line of a pass's report.
 *
 * @param side    BUY or SELL, or the raw intent type when it could not be mapped
 * @param orderId the broker order's text key when one was accepted, else null
 * @param reason  why (rejections, failures, unknown outcomes), else null
 */
public record SubmitResult(
        UUID intentId, String symbol, String side, long qty, SubmitOutcome outcome, String orderId, String reason) {
    public SubmitResult {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
