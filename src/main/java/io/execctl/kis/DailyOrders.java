package io.execctl.kis;

import java.util.List;

/**
 * The result of {@code inquire-daily-ccld}: the order rows, and the {@code output2} totals of each
 * queried segment (one, or two when the range crosses the three-month boundary and both TR ids are used).
 */
public record DailyOrders(Paged<DailyOrderRow> orders, List<DailyTotals> totals) {
    public DailyOrders {
        totals = List.copyOf(totals);
    }

    public boolean complete() {
        return orders.complete();
    }
}
