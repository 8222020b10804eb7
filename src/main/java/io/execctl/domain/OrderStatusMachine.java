package io.execctl.domain;

/**
 * The allowed moves between order statuses. Strategies act on terminal statuses, so a terminal
 * status never moves back to an open one ({@code SUBMITTED}, {@code PARTIAL}, {@code UNKNOWN}) by new
 * facts. Fills are facts, though: fill quantity that arrives after a cancel or a rejection (the
 * notice raced the confirmation), or beyond the order's quantity (broker totals above it; a notice
 * past it is held instead, {@link OverQuantity}), moves a terminal order to what the {@link OrderStatusReducer} says
 * ({@code CANCELLED_PARTIAL}, {@code FILLED}, {@code ERROR}), flagged as an anomaly, so the stored
 * status never disagrees with the stored fills. A {@link Cause#CORRECTION} (broker-final totals
 * voided a recorded fill) may move anything, e.g. {@code FILLED -> CANCELLED_PARTIAL}: the broker is
 * the truth, and the outbox announces it as a correction, not as a second terminal status.
 */
public final class OrderStatusMachine {
    private OrderStatusMachine() {}

    /** Why a new status is being considered. */
    public enum Cause {
        /** A fill was added (WS notice, REST difference). */
        FILL,
        /** The broker reported a status (acceptance, cancel, expiry, rejection). */
        BROKER_STATUS,
        /** A complete broker inquiry corrected our view (e.g. voided an excess fill). */
        CORRECTION
    }

    /** The verdict on a proposed move. */
    public record Transition(OrderStatus from, OrderStatus to, boolean allowed, boolean anomaly) {
        /** The status to store: the proposed one if allowed, else the current one. */
        public OrderStatus result() {
            return allowed ? to : from;
        }
    }

    public static Transition check(OrderStatus from, OrderStatus to, Cause cause) {
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        Checks.notNull(cause, "cause");
        if (from == to) {
            return new Transition(from, to, true, false);
        }
        if (cause == Cause.CORRECTION) {
            return new Transition(from, to, true, from.isTerminal());
        }
        if (!from.isTerminal()) {
            return new Transition(from, to, true, to == OrderStatus.ERROR);
        }
        boolean fillForward = cause == Cause.FILL && (to.isTerminal() || to == OrderStatus.ERROR);
        return new Transition(from, to, fillForward, true);
    }

    /** Convenience: derive with the reducer, then apply {@link #check}. */
    public static Transition next(
            OrderStatus current, long qty, BrokerStatus brokerStatus, long filledQty, Cause cause) {
        return check(current, OrderStatusReducer.derive(qty, brokerStatus, filledQty), cause);
    }
}
