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

    public static Optional<BrokerStatus> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (BrokerStatus t : values()) {
            if (t.name().equals(s.trim())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
