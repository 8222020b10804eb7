package io.execctl.store;

import io.execctl.domain.NoticeReceipt;
import io.execctl.domain.OrderKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution notice that named an order execctl did not know yet (the notice raced the order's
 * own row, or the order was placed outside execctl), parked in {@code trade.parked_notices} until
 * the order appears. Keyed by its {@link NoticeReceipt}, never by its payload: two genuine identical
 * fills in one second are two notices. {@code payload} is the notice as received (text).
 *
 * @param key the order it names; empty only for rows parked before schema V4 (operator's business)
 */
public record ParkedNotice(
        long id,
        Optional<OrderKey> key,
        NoticeReceipt receipt,
        String payload,
        Instant receivedTs,
        int attempts,
        Instant lastAttemptTs,
        String lastError,
        Instant resolvedTs,
        String resolution) {
    public ParkedNotice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedTs, "receivedTs");
    }

    public boolean resolved() {
        return resolvedTs != null;
    }

    /** Without the payload and the account, which identify the customer. */
    @Override
    public String toString() {
        return "ParkedNotice[" + id + " order " + key.map(OrderKey::orderId).orElse("?") + " receipt " + receipt
                + ", received " + receivedTs + ", attempts " + attempts
                + (resolvedTs == null ? ", pending" : ", resolved " + resolvedTs + " " + resolution) + "]";
    }
}
