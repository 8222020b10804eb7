package io.execctl.domain;

/**
 * The allowed moves between order statuses. Strategies act on terminal statuses, so a terminal
 * status never moves back, with one exception taken from practice: fill quantity that arrives after
 * a cancel (the fill notice raced the cancel confirmation) is accepted, because fills are facts, and
 * the move is flagged so it gets logged. A {@link Cause#CORRECTION} (a complete broker inquiry that
 * contradicts us) may move anything: the broker is the truth.
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
        boolean cancelledGetsFill = cause == Cause.FILL
                && (from == OrderStatus.CANCELLED || from == OrderStatus.CANCELLED_PARTIAL)
                && (to == OrderStatus.CANCELLED_PARTIAL || to == OrderStatus.FILLED);
        if (cancelledGetsFill) {
            return new Transition(from, to, true, true);
        }
        return new Transition(from, to, false, true);
    }

    /** Convenience: derive with the reducer, then apply {@link #check}. */
    public static Transition next(
            OrderStatus current, long qty, BrokerStatus brokerStatus, long filledQty, Cause cause) {
        return check(current, OrderStatusReducer.derive(qty, brokerStatus, filledQty), cause);
    }
}
