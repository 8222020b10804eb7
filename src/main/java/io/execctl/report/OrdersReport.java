package io.execctl.report;

import io.execctl.domain.Fill;
import io.execctl.domain.KoreaTime;
import io.execctl.domain.Order;
import io.execctl.store.OrderListing;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The {@code orders} and {@code fills} listings, read from the store only (the database's view, no broker call). */
public final class OrdersReport {
    /** Columns of {@code execctl orders}. */
    public static final List<Listing.Col> ORDER_COLUMNS = List.of(
            new Listing.Col("order_id", false),
            new Listing.Col("order_date", false),
            new Listing.Col("odno", false),
            new Listing.Col("symbol", false),
            new Listing.Col("side", false),
            new Listing.Col("type", false),
            new Listing.Col("qty", true),
            new Listing.Col("limit_price", false),
            new Listing.Col("filled_qty", true),
            new Listing.Col("open_qty", true),
            new Listing.Col("avg_fill_price", false),
            new Listing.Col("status", false),
            new Listing.Col("broker_status", false),
            new Listing.Col("source", false),
            new Listing.Col("updated_ts", false));

    /** Columns of {@code execctl fills}. */
    public static final List<Listing.Col> FILL_COLUMNS = List.of(
            new Listing.Col("fill_id", false),
            new Listing.Col("order_id", false),
            new Listing.Col("ts", false),
            new Listing.Col("qty", true),
            new Listing.Col("price", false),
            new Listing.Col("amount", false),
            new Listing.Col("source", false),
            new Listing.Col("receipt", false),
            new Listing.Col("state", false),
            new Listing.Col("void_reason", false));

    private OrdersReport() {}

    /**
     * @param date     a Korean trading date, or null: every date when {@code openOnly}, else today's (Korean)
     * @param symbol   one symbol or null
     * @param openOnly only non-terminal orders
     */
    public static Listing orders(
            Jdbi jdbi, String accountId, LocalDate date, String symbol, boolean openOnly, LocalDate today) {
        LocalDate d = date != null || openOnly ? date : today;
        Listing l = new Listing("orders", ORDER_COLUMNS);
        for (Order o : new OrderListing(jdbi).orders(accountId, d, symbol, openOnly)) {
            l.add(
                    o.orderId(),
                    KoreaTime.formatDate(o.key().orderDate()),
                    o.key().odno(),
                    o.symbol(),
                    o.side().name(),
                    o.orderType().name(),
                    o.qty(),
                    o.limitPrice(),
                    o.filledQty(),
                    o.openQty(),
                    o.avgFillPrice(),
                    o.status().name(),
                    o.brokerStatus().name(),
                    o.source().name(),
                    o.updatedTs().toString());
        }
        return l;
    }

    /** The fills of one order, or (orderId null) of the account's orders of {@code date}. */
    public static Listing fills(Jdbi jdbi, String accountId, String orderId, LocalDate date) {
        OrderListing store = new OrderListing(jdbi);
        List<Fill> fills = orderId != null ? store.fillsOf(orderId) : store.fillsOn(accountId, date);
        Listing l = new Listing("fills", FILL_COLUMNS);
        for (Fill f : fills) {
            l.add(
                    f.fillId().toString(),
                    f.orderId(),
                    f.ts().toString(),
                    f.qty(),
                    f.price(),
                    f.amount(),
                    f.source().name(),
                    f.receipt(),
                    f.voided() ? "VOID" : "LIVE",
                    f.voidReason());
        }
        return l;
    }
}
