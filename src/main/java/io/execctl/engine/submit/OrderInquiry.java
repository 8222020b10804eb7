package io.execctl.engine.submit;

import io.execctl.domain.Side;
import io.execctl.kis.DailyOrderQuery;
import io.execctl.kis.DailyOrders;
import io.execctl.kis.KisClient;
import io.execctl.kis.OpenOrder;
import io.execctl.kis.Paged;

/** The two account inquiries resolution asks: {@code KisClient::dailyOrders} and {@code KisClient::openOrders}. */
public interface OrderInquiry {
    DailyOrders dailyOrders(DailyOrderQuery query);

    /** Today's working orders of one side (real accounts). */
    Paged<OpenOrder> openOrders(Side side);

    static OrderInquiry of(KisClient client) {
        return new OrderInquiry() {
            @Override
            public DailyOrders dailyOrders(DailyOrderQuery query) {
                return client.dailyOrders(query);
            }

            @Override
            public Paged<OpenOrder> openOrders(Side side) {
                return client.openOrders(side);
            }
        };
    }
}
