package io.execctl.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An execution notice that named an order execctl did not know yet (the notice raced the order's
 * own row, or the order was placed outside execctl), parked in {@code trade.parked_notices} until
 * the order appears. {@code payload} is the notice as received (text).
 */
public record ParkedNotice(
        long id,
        String noticeKey,
        String payload,
        Instant receivedTs,
        int attempts,
        Instant lastAttemptTs,
        String lastError,
        Instant resolvedTs,
        String resolution) {
    public ParkedNotice {
        Objects.requireNonNull(noticeKey, "noticeKey");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedTs, "receivedTs");
    }

    public boolean resolved() {
        return resolvedTs != null;
    }

    /** Without the payload, which carries account details. */
    @Override
    public String toString() {
        return "ParkedNotice[" + id + " key " + noticeKey + ", received " + receivedTs + ", attempts " + attempts
                + (resolvedTs == null ? ", pending" : ", resolved " + resolvedTs + " " + resolution) + "]";
    }
}
