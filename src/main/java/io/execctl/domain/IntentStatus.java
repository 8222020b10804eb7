package io.execctl.domain;

import java.util.Optional;

/**
 * The status execctl writes into {@code order_intents.status}. Strategies create intents as
 * {@link #NEW}; everything after that is execution's.
 *
 * <ul>
 *   <li>{@link #SENDING}: claimed in the submission journal; the order POST may be in flight.</li>
 *   <li>{@link #UNKNOWN}: the POST's outcome is unknown (timeout, cut connection, 5xx); it is
 *       resolved by broker inquiry and never resent blindly.</li>
 *   <li>{@link #SUBMITTED}: the broker accepted the order (it may be partly filled).</li>
 *   <li>{@link #FILLED}, {@link #CANCELLED} (including a partly filled order whose remainder was
 *       cancelled or lapsed), {@link #REJECTED} (by the broker or by validation),
 *       {@link #FAILED} (could not be sent, e.g. retries exhausted before any send),
 *       {@link #DUPLICATE} (another order already exists for it): terminal.</li>
 * </ul>
 */
public enum IntentStatus {
    NEW(false),
    SENDING(false),
    UNKNOWN(false),
    SUBMITTED(false),
    FILLED(true),
    CANCELLED(true),
    REJECTED(true),
    FAILED(true),
    DUPLICATE(true);

    private final boolean terminal;

    IntentStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    public static Optional<IntentStatus> parse(String s) {
        return Checks.parseEnum(IntentStatus.class, s);
    }

    /** The intent status that mirrors an order status once the broker has accepted the order. */
    public static IntentStatus ofOrder(OrderStatus status) {
        return switch (status) {
            case FILLED -> FILLED;
            case CANCELLED, CANCELLED_PARTIAL -> CANCELLED;
            case REJECTED -> REJECTED;
            case SUBMITTED, PARTIAL -> SUBMITTED;
            case UNKNOWN, ERROR -> UNKNOWN;
        };
    }
}
