package io.execctl.store;

import io.execctl.domain.FillBook;
import io.execctl.domain.Order;
import io.execctl.domain.OrderKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * An order as the REST syncs compare it with a broker row: the order, what snapshots proved
 * ({@code broker_ccld_qty}/{@code _amt}/{@code _final}) and the sums of its live fills, read for a
 * whole trading date in one query so that a quiet day costs no per-order transaction. Read without
 * locks: it only decides whether an order needs {@link FillApplier}, which re-reads under the lock.
 *
 * @param liveQty    sum of the live fills' quantities
 * @param liveAmount sum of the live fills' exact amounts
 */
public record OrderSyncState(Order order, FillBook.Broker proof, long liveQty, BigDecimal liveAmount) {
    public OrderSyncState {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(liveAmount, "liveAmount");
    }

    /**
     * One join, grouped by the order (its primary key): an index lookup of the fills per order, which
     * stays cheap even when the planner's statistics still think the day has one order.
     */
    private static final String SELECT = "SELECT o.*, COALESCE(SUM(f.qty), 0) AS live_qty,"
            + " COALESCE(SUM(f.amount), 0) AS live_amt FROM trade.orders o"
            + " LEFT JOIN trade.fills f ON f.order_id = o.order_id AND NOT f.voided";

    /** The account's orders of one trading date. */
    public static List<OrderSyncState> forDate(Jdbi jdbi, String accountId, LocalDate date) {
        return jdbi.withHandle(h -> forDate(h, accountId, date));
    }

    public static List<OrderSyncState> forDate(Handle h, String accountId, LocalDate date) {
        return h.createQuery(SELECT + " WHERE o.account_id = :acc AND o.order_date = :date GROUP BY o.order_id"
                        + " ORDER BY o.kis_order_no")
                .bind("acc", accountId)
                .bind("date", date)
                .map((rs, ctx) -> new OrderSyncState(
                        OrderStore.map(rs, ctx),
                        new FillBook.Broker(
                                rs.getLong("broker_ccld_qty"),
                                rs.getBigDecimal("broker_ccld_amt"),
                                rs.getBoolean("broker_final")),
                        rs.getLong("live_qty"),
                        rs.getBigDecimal("live_amt")))
                .list();
    }

    /** One order, or empty when it is not stored. */
    public static Optional<OrderSyncState> find(Jdbi jdbi, OrderKey key) {
        return jdbi.withHandle(h -> h.createQuery(SELECT
                        + " WHERE o.account_id = :acc AND o.order_date = :date AND o.kis_order_no = :odno"
                        + " GROUP BY o.order_id")
                .bind("acc", key.accountId())
                .bind("date", key.orderDate())
                .bind("odno", key.odno())
                .map((rs, ctx) -> new OrderSyncState(
                        OrderStore.map(rs, ctx),
                        new FillBook.Broker(
                                rs.getLong("broker_ccld_qty"),
                                rs.getBigDecimal("broker_ccld_amt"),
                                rs.getBoolean("broker_final")),
                        rs.getLong("live_qty"),
                        rs.getBigDecimal("live_amt")))
                .findOne());
    }
}
