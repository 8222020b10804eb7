package io.execctl.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A broker order as execctl tracks it ({@code trade.orders}). {@code intentId} is null only for
 * orders that did not come from an intent ({@link OrderSource#EXTERNAL}). Prices are normalised
 * (scale-free equality: {@code 72000} equals {@code 72000.00}).
 */
public record Order(
        OrderKey key,
        UUID intentId,
        UUID positionId,
        String accountId,
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
        Checks.notBlank(accountId, "accountId");
        Checks.notNull(symbol, "symbol");
        Checks.notNull(side, "side");
        Checks.notNull(orderType, "orderType");
        Checks.nonNegative(qty, "qty");
        Checks.nonNegative(filledQty, "filledQty");
        Checks.nonNegative(openQty, "openQty");
        if (filledQty + openQty > qty) {
            throw new IllegalArgumentException("filled " + filledQty + " + open " + openQty + " exceeds qty " + qty);
        }
        Checks.notNull(brokerStatus, "brokerStatus");
        Checks.notNull(status, "status");
        Checks.notNull(source, "source");
        if (source == OrderSource.INTENT && intentId == null) {
            throw new IllegalArgumentException("an order from an intent needs its intent id");
        }
        Checks.notNull(submittedTs, "submittedTs");
        Checks.notNull(updatedTs, "updatedTs");
        limitPrice = Checks.normalized(limitPrice);
        avgFillPrice = Checks.normalized(avgFillPrice);
    }

    public String orderId() {
        return key.orderId();
    }
}
