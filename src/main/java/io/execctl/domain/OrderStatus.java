package io.execctl.domain;

import java.util.Optional;

/**
 * The status strategies read in {@code trade.orders.status}: derived from the broker's status of the
 * order and the quantity of its (non-void) fills by {@link OrderStatusReducer}.
 */
public enum OrderStatus {
    /** Accepted by the broker, nothing filled yet. */
    SUBMITTED(false),
    /** Some quantity filled, the rest still open. */
    PARTIAL(false),
    /** The whole quantity filled. */
    FILLED(true),
    /** Cancelled (or lapsed at the close) with nothing filled. */
    CANCELLED(true),
    /** Cancelled (or lapsed) after a partial fill: the filled part stands. */
    CANCELLED_PARTIAL(true),
    /** Refused by the broker. */
    REJECTED(true),
    /** The broker's view could not be established yet; rechecked by the next sync. */
    UNKNOWN(false),
    /** An inconsistency that needs an operator (e.g. the broker reports more fills than the order). */
    ERROR(false);

    private final boolean terminal;

    OrderStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** Terminal states never move back (see {@link OrderStatusMachine} for the one exception). */
    public boolean isTerminal() {
        return terminal;
    }

    /** True while the order can still receive fills in the normal course. */
    public boolean isOpen() {
        return this == SUBMITTED || this == PARTIAL || this == UNKNOWN;
    }

    public static Optional<OrderStatus> parse(String s) {
        return Checks.parseEnum(OrderStatus.class, s);
    }
}
