package io.execctl.engine.sync;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.engine.ownership.OrderOwnership;
import io.execctl.engine.ownership.OwnershipVerdict;
import io.execctl.store.OrderStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * TEST DOUBLE of {@link OrderOwnership}, not the real component (the {@code own} slice builds that):
 * it knows no submissions, so every new order it is asked about is recorded as EXTERNAL (a row with
 * {@code source = EXTERNAL}, nothing filled), and a cancel/modify request is reported linked without
 * writing. Enough to drive the syncs' handling of each verdict; it records every question.
 */
final class ExternalOwnershipTestDouble implements OrderOwnership {
    private final Jdbi jdbi;
    private final Function<OrderKey, String> branchOf;
    private final Clock clock;
    final List<BrokerOrderSighting> asked = new CopyOnWriteArrayList<>();
    volatile boolean pending;

    /** @param branchOf the order's branch (the double reads it from the simulator's ledger) */
    ExternalOwnershipTestDouble(Jdbi jdbi, Function<OrderKey, String> branchOf, Clock clock) {
        this.jdbi = jdbi;
        this.branchOf = branchOf;
        this.clock = clock;
    }

    @Override
    public OwnershipVerdict decide(BrokerOrderSighting s) {
        asked.add(s);
        if (pending) {
            return new OwnershipVerdict.Pending(s.key(), "test: a submission could still be this order");
        }
        if (s.origOrderNo() != null) {
            return new OwnershipVerdict.Linked(
                    s.key(), OrderKey.of(s.key().accountId(), s.key().orderDate(), s.origOrderNo()));
        }
        Instant at = s.orderedAt() != null ? s.orderedAt() : clock.instant();
        OrderType type = s.orderType() != null ? s.orderType() : OrderType.LMT;
        OrderStore.of(jdbi)
                .upsert(
                        new Order(
                                s.key(),
                                null,
                                null,
                                branchOf.apply(s.key()),
                                null,
                                s.symbol(),
                                s.side(),
                                type,
                                s.qty(),
                                type == OrderType.LMT ? s.price() : null,
                                0,
                                s.qty(),
                                null,
                                BrokerStatus.ACCEPTED,
                                OrderStatus.SUBMITTED,
                                OrderSource.EXTERNAL,
                                null,
                                at,
                                at),
                        null);
        return new OwnershipVerdict.External(s.key());
    }
}
