package io.execctl.engine.notice;

import io.execctl.domain.BrokerStatus;
import io.execctl.domain.Order;
import io.execctl.domain.OrderSource;
import io.execctl.domain.OrderStatus;
import io.execctl.domain.OrderType;
import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.engine.ownership.OrderOwnership;
import io.execctl.engine.ownership.OwnershipVerdict;
import io.execctl.store.OrderTx;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;

/**
 * TEST DOUBLE of {@link OrderOwnership} (the real one is the {@code own} helper's): an ODNO listed in
 * {@link #external} was placed outside execctl (HTS) and is EXTERNAL; any other unknown order is one
 * of the test's own submissions whose answer has not been recorded yet ({@code Pending}). An EXTERNAL
 * order
 * and — like the real component — the double records it ({@code source = EXTERNAL}), but only from
 * the REST (daily-ccld) sighting, so the notice path's REST lookup is exercised. Records every sighting it was asked about.
 */
final class RuleOwnershipDouble implements OrderOwnership {
    final Set<String> external = ConcurrentHashMap.newKeySet();
    final List<BrokerOrderSighting> asked = new CopyOnWriteArrayList<>();
    private final Jdbi jdbi;

    RuleOwnershipDouble(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public OwnershipVerdict decide(BrokerOrderSighting s) {
        asked.add(s);
        if (!external.contains(s.key().odno())) {
            return new OwnershipVerdict.Pending(s.key(), "test: an unresolved submission could be it");
        }
        if (s.channel() == BrokerOrderSighting.Channel.DAILY_CCLD) {
            Instant at = s.orderedAt() != null ? s.orderedAt() : Instant.now();
            Order o = new Order(
                    s.key(),
                    null,
                    null,
                    "00950",
                    s.origOrderNo(),
                    s.symbol(),
                    s.side(),
                    s.orderType(),
                    s.qty(),
                    s.orderType() == OrderType.LMT ? s.price() : null,
                    0,
                    s.qty(),
                    null,
                    BrokerStatus.ACCEPTED,
                    OrderStatus.SUBMITTED,
                    OrderSource.EXTERNAL,
                    null,
                    at,
                    at);
            new OrderTx(jdbi).useOrderTransaction(s.key(), tx -> tx.orders().upsert(o, null));
        }
        return new OwnershipVerdict.External(s.key());
    }
}
