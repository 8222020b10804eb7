package io.execctl.domain;

import java.util.Optional;

/**
 * What the broker says about an order independently of its fills: accepted and working, its
 * remainder cancelled, lapsed at the session close, rejected, or not yet known.
 */
public enum BrokerStatus {
    ACCEPTED,
    CANCELLED,
    EXPIRED,
    REJECTED,
    UNKNOWN;

    /** Cancelled and expired both mean the open remainder is gone. */
    public boolean remainderGone() {
        return this == CANCELLED || this == EXPIRED;
    }

    /**
     * Combines two reports of the broker's status that may arrive in any order (WS acceptance after
     * the REST inquiry that already saw the cancel, say): a final report (cancelled, expired,
     * rejected) outranks "accepted", which outranks "unknown". Between two final reports the
     * earlier-known one stays, so replays cannot flip it.
     */
    public static BrokerStatus merge(BrokerStatus current, BrokerStatus incoming) {
        if (current == null) {
            return incoming;
        }
        if (incoming == null) {
            return current;
        }
        return incoming.rank() > current.rank() ? incoming : current;
    }

    private int rank() {
        return switch (this) {
            case UNKNOWN -> 0;
            case ACCEPTED -> 1;
            case CANCELLED, EXPIRED, REJECTED -> 2;
        };
    }

    public static Optional<BrokerStatus> parse(String s) {
        return Checks.parseEnum(BrokerStatus.class, s);
    }
}
