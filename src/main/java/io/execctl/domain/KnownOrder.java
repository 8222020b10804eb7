package io.execctl.domain;

import java.time.Instant;

/**
 * An order of the account that execctl can account for (it has a row for it, from an intent or an
 * earlier sync), with the instant since which the broker has had it. Every known order older than
 * the history lag must appear in a daily-ccld that claims to be complete; if one is missing, the
 * inquiry is lagging and proves nothing.
 */
public record KnownOrder(String orderNo, Instant knownSince) {
    public KnownOrder {
        orderNo = OrderKey.normalizeOdno(orderNo);
        Checks.notNull(knownSince, "knownSince");
    }
}
