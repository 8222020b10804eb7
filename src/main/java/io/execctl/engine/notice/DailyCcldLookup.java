package io.execctl.engine.notice;

import io.execctl.domain.KoreaTime;
import io.execctl.domain.OrderKey;
import io.execctl.domain.OrderType;
import io.execctl.engine.ownership.BrokerOrderSighting;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrderRow;
import io.execctl.kis.KisClient;
import java.util.Objects;
import java.util.Optional;

/** {@link ExternalOrderLookup} over {@code inquire-daily-ccld} of the order's date, narrowed to its ODNO. */
public final class DailyCcldLookup implements ExternalOrderLookup {
    private final KisClient client;

    public DailyCcldLookup(KisClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Optional<BrokerOrderSighting> find(OrderKey key) {
        var q = DailyOrderQuery.range(key.orderDate(), key.orderDate()).withOdno(key.odno());
        for (DailyOrderRow row : client.dailyOrders(q).orders().rows()) {
            if (OrderKey.normalizeOdno(row.odno()).equals(key.odno()) && row.ordQty() > 0) {
                return Optional.of(new BrokerOrderSighting(
                        key,
                        row.orgnOdno(),
                        row.symbol(),
                        row.side(),
                        row.ordQty(),
                        OrderType.fromOrdDvsn(row.ordDvsnCd()).orElse(null),
                        row.ordUnpr(),
                        row.ordTmd().isBlank() ? null : KoreaTime.toInstant(row.ordDt(), row.ordTmd()),
                        BrokerOrderSighting.Channel.DAILY_CCLD,
                        null,
                        row.isRevision() && row.cancelled()));
            }
        }
        return Optional.empty();
    }
}
