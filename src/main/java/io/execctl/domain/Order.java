package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A broker order as execctl tracks it ({@code trade.orders}). {@code intentId} is null only for
 * orders that did not come from an intent ({@link OrderSource#EXTERNAL}). The account is part of the
 * {@link OrderKey}; the branch is an attribute (cancel/modify need it), see {@link OrderAddress}. Prices are
 * normalised (scale-free equality: {@code 72000} equals {@code 72000.00}).
 *
 * <p>{@code filledQty} may exceed {@code qty} only in status {@link OrderStatus#ERROR}: the
 * reducer's verdict on an over-filled order (the broker's own totals above the order quantity; a
 * notice past it is held, see {@link OverQuantity}) must be recordable, or the order could never be
 * written again.
 */
public record Order(
        OrderKey key,
        UUID intentId,
        UUID positionId,
        String branch,
        String origOrderNo,
        String symbol,
        Side side,
        OrderType orderType,
        long qty,
        BigDecimal limitPrice,
        long filledQty,
        long openQty,
        BigDecimal avgFillPrice,
        BrokerStatus brokerStatus,
        OrderStatus status,
        OrderSource source,
        String rejectReason,
        Instant submittedTs,
        Instant updatedTs) {

    public Order {
        Checks.notNull(key, "key");
        branch = OrderKey.normalizeBranch(branch);
        Checks.notNull(symbol, "symbol");
        Checks.notNull(side, "side");
        Checks.notNull(orderType, "orderType");
        Checks.nonNegative(qty, "qty");
        Checks.nonNegative(filledQty, "filledQty");
        Checks.nonNegative(openQty, "openQty");
        Checks.notNull(status, "status");
        if (filledQty + openQty > qty && status != OrderStatus.ERROR) {
            throw new IllegalArgumentException("filled " + filledQty + " + open " + openQty + " exceeds qty " + qty);
        }
        Checks.notNull(brokerStatus, "brokerStatus");
        Checks.notNull(source, "source");
        if (source == OrderSource.INTENT && intentId == null && origOrderNo == null) {
            // a cancel/modify row of an intent's order keeps the source, not the intent (one order per intent)
            throw new IllegalArgumentException("an order from an intent needs its intent id");
        }
        if (source == OrderSource.REVISION && (origOrderNo == null || intentId != null)) {
            throw new IllegalArgumentException("a cancel/modify row names its original and has no intent of its own");
        }
        Checks.notNull(submittedTs, "submittedTs");
        Checks.notNull(updatedTs, "updatedTs");
        limitPrice = Checks.normalized(limitPrice);
        avgFillPrice = Checks.normalized(avgFillPrice);
    }

    public String orderId() {
        return key.orderId();
    }

    public String accountId() {
        return key.accountId();
    }

    /** Branch and ODNO, for a cancel or modify request. */
    public OrderAddress address() {
        return OrderAddress.of(branch, key.odno());
    }
}
