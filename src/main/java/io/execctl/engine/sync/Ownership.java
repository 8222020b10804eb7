package io.execctl.engine.sync;

import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.engine.ownership.OwnershipVerdict;
import io.execctl.store.OrderSyncState;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the one ownership decision point about a broker order we do not hold, and reads the row its
 * verdict left (adopted, linked or external). A pending verdict leaves nothing to apply: the order is
 * asked about again by the next pass.
 */
final class Ownership {
    private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);

    private Ownership() {}

    /**
     * What the decision left.
     *
     * @param state   the order row to apply the broker's totals to; empty when there is none to apply
     *                (pending, or a cancel/modify request linked to its original: the request's own row
     *                belongs to the cancel path)
     * @param pending true when nothing could be decided yet (an unresolved item of this pass)
     */
    record Result(Optional<OrderSyncState> state, boolean pending) {}

    static Result ask(SyncParts parts, BrokerOrderSighting sighting) {
        OwnershipVerdict v = parts.ownership().decide(sighting);
        if (v instanceof OwnershipVerdict.Pending p) {
            parts.counters().pending();
            LOG.info(
                    "broker order {} ({}) not ours yet: pending ({}), asked again next pass",
                    sighting.key().orderId(),
                    sighting.channel(),
                    p.why());
            return new Result(Optional.empty(), true);
        }
        LOG.info("broker order {} ({}): {}", sighting.key().orderId(), sighting.channel(), v);
        if (v instanceof OwnershipVerdict.Linked) {
            return new Result(Optional.empty(), false);
        }
        Optional<OrderSyncState> s = OrderSyncState.find(parts.jdbi(), sighting.key());
        if (s.isEmpty()) {
            LOG.warn(
                    "broker order {}: ownership said {} but no order row exists; asked again next pass",
                    sighting.key().orderId(),
                    v.getClass().getSimpleName());
        }
        return new Result(s, s.isEmpty());
    }
}
