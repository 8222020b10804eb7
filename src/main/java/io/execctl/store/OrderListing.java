package io.execctl.store;

import io.execctl.domain.Fill;
import io.execctl.domain.Order;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Read-only listings of {@code trade.orders} and {@code trade.fills} for the {@code orders} and
 * {@code fills} commands (voided fills included: they are the audit trail of the fill model).
 */
public final class OrderListing {
    private final Jdbi jdbi;

    public OrderListing(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /**
     * The account's orders, oldest first.
     *
     * @param date     one Korean trading date, or null for every date
     * @param symbol   one symbol, or null
     * @param openOnly only orders that are not terminal
     */
    public List<Order> orders(String accountId, LocalDate date, String symbol, boolean openOnly) {
        StringBuilder sql =
                new StringBuilder("SELECT " + OrderStore.COLUMNS + " FROM trade.orders WHERE account_id = :acc");
        if (date != null) {
            sql.append(" AND order_date = :date");
        }
        if (symbol != null) {
            sql.append(" AND symbol = :sym");
        }
        if (openOnly) {
            sql.append(" AND status IN (<open>)");
        }
        sql.append(" ORDER BY order_date, kis_order_no");
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql.toString()).bind("acc", accountId);
            if (date != null) {
                q.bind("date", date);
            }
            if (symbol != null) {
                q.bind("sym", symbol);
            }
            if (openOnly) {
                q.bindList("open", OrderStore.NOT_TERMINAL);
            }
            return q.map(OrderStore::map).list();
        });
    }

    /** Every fill row of one order ({@code order_id}), voided ones included, in recorded order. */
    public List<Fill> fillsOf(String orderId) {
        return FillStore.of(jdbi).listAll(orderId);
    }

    /** Every fill row of the account's orders of one trading date, in recorded order. */
    public List<Fill> fillsOn(String accountId, LocalDate date) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.fill_id, f.order_id, f.ts, f.qty, f.price, f.amount, f.fee, f.tax, f.source, f.receipt,
                               f.voided, f.void_reason
                          FROM trade.fills f JOIN trade.orders o ON o.order_id = f.order_id
                         WHERE o.account_id = :acc AND o.order_date = :date
                         ORDER BY f.row_no""")
                .bind("acc", accountId)
                .bind("date", date)
                .map(FillStore::map)
                .list());
    }
}
