package io.execctl.engine.ownership;

import io.execctl.domain.OrderKey;
import java.util.UUID;

/**
 * What {@link OrderOwnership} decided about a broker order execctl did not know. The caller acts on
 * it: an adopted or linked order now has its row (the decision wrote it), a pending one is parked
 * until a submission resolves, an external one has been recorded with {@code source = EXTERNAL}.
 */
public sealed interface OwnershipVerdict {

    /** The order is the one candidate for a SENDING/UNKNOWN submission and now belongs to its intent. */
    record Adopted(OrderKey key, UUID intentId) implements OwnershipVerdict {}

    /** The order is a cancel or modify of an order we hold; it was linked to that order. */
    record Linked(OrderKey key, OrderKey original) implements OwnershipVerdict {}

    /**
     * Some unresolved submission could still be this order (or two could): nothing may be decided
     * yet. The caller parks what it holds and retries when a submission resolves.
     */
    record Pending(OrderKey key, String why) implements OwnershipVerdict {}

    /** No submission can match it: placed outside execctl (HTS/MTS), recorded as EXTERNAL. */
    record External(OrderKey key) implements OwnershipVerdict {}
}
