package io.execctl.domain;

/**
 * Derives an order's status from its quantity, the broker's status and the quantity of its non-void
 * fills (design document §5.1). The document's version tests "partial" before "cancelled", so it can
 * never return {@link OrderStatus#CANCELLED_PARTIAL}; here a gone remainder is decided first.
 *
 * <p>Pure: the same inputs always give the same status, so replaying any event sequence converges.
 */
public final class OrderStatusReducer {
    private OrderStatusReducer() {}

    /**
     * @param qty          the order quantity (> 0)
     * @param brokerStatus what the broker says of the order apart from fills
     * @param filledQty    the sum of the order's non-void fills
     */
    public static OrderStatus derive(long qty, BrokerStatus brokerStatus, long filledQty) {
        Checks.positive(qty, "qty");
        Checks.notNull(brokerStatus, "brokerStatus");
        Checks.nonNegative(filledQty, "filledQty");
        if (filledQty > qty) {
            return OrderStatus.ERROR;
        }
        if (filledQty == qty) {
            return OrderStatus.FILLED;
        }
        return switch (brokerStatus) {
            case CANCELLED, EXPIRED -> filledQty > 0 ? OrderStatus.CANCELLED_PARTIAL : OrderStatus.CANCELLED;
            // A rejected order has no fills; fills on one mean the rejection was wrong about the
            // remainder only, which is what CANCELLED_PARTIAL says.
            case REJECTED -> filledQty > 0 ? OrderStatus.CANCELLED_PARTIAL : OrderStatus.REJECTED;
            case ACCEPTED -> filledQty > 0 ? OrderStatus.PARTIAL : OrderStatus.SUBMITTED;
            case UNKNOWN -> filledQty > 0 ? OrderStatus.PARTIAL : OrderStatus.UNKNOWN;
        };
    }

    /** The open quantity implied by the same inputs: nothing is open once the remainder is gone. */
    public static long openQty(long qty, BrokerStatus brokerStatus, long filledQty) {
        if (brokerStatus.remainderGone() || brokerStatus == BrokerStatus.REJECTED) {
            return 0;
        }
        return Math.max(0, qty - filledQty);
    }
}
