package io.execctl.engine.notice;

import io.execctl.domain.OrderKey;
import io.execctl.engine.ownership.BrokerOrderSighting;
import java.util.Optional;

/**
 * Looks one order up at the broker over REST ({@code inquire-daily-ccld} narrowed to its trading
 * date and ODNO): the full facts of an order the notices showed only in part, for recording it as
 * EXTERNAL. Empty when the broker's history does not list it (yet: history lags).
 */
@FunctionalInterface
public interface ExternalOrderLookup {
    Optional<BrokerOrderSighting> find(OrderKey key);
}
