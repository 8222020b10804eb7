package io.execctl.engine.sync;

import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.KisClient;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;
import java.util.Objects;

/**
 * The two inquiries the syncs read: {@code KisClient} in production. An interface so that a sync's
 * rules (an incomplete answer changes nothing) can also be run against a hand-made answer.
 */
public interface BrokerInquiries {
    /** {@code inquire-daily-ccld}, every page; {@link DailyOrders#complete()} says whether it is all. */
    DailyOrders dailyOrders(DailyOrderQuery query);

    /** Today's open orders: {@code inquire-psbl-rvsecncl} on real, daily-ccld unfilled rows on paper. */
    Paged<OpenOrder> openOrders();

    static BrokerInquiries of(KisClient client) {
        Objects.requireNonNull(client, "client");
        return new BrokerInquiries() {
            @Override
            public DailyOrders dailyOrders(DailyOrderQuery query) {
                return client.dailyOrders(query);
            }

            @Override
            public Paged<OpenOrder> openOrders() {
                return client.openOrders();
            }
        };
    }
}
