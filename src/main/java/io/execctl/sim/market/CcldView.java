package io.execctl.sim.market;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Order rows as a lagging inquiry shows them (the REST faults {@code ccld_lag_ms} and
 * {@code ccld_stale_totals_ms}): KIS warns that today's order history can lag ("당일 주문내역은 지연될 수
 * 있습니다", REFERENCE.md §14.2) while the notices run ahead. The book itself is never changed; only the
 * answer is built from an older picture of it.
 */
public final class CcldView {
    private CcldView() {}

    /** Drops today's rows accepted less than {@code lag} before {@code now} (they are not visible yet). */
    public static List<OrderRecord> lagged(List<OrderRecord> rows, LocalDate today, Instant now, Duration lag) {
        if (lag.isZero()) {
            return rows;
        }
        Instant visibleBefore = now.minus(lag);
        List<OrderRecord> out = new ArrayList<>(rows.size());
        for (OrderRecord o : rows) {
            if (!o.orderDate().equals(today) || !o.acceptedAt().isAfter(visibleBefore)) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * Each row with its per-order totals (tot_ccld_qty, tot_ccld_amt, rmn_qty, status) counting only the
     * executions booked at least {@code stale} before {@code now}; cancels and refusals are not delayed.
     */
    public static List<OrderRecord> staleTotals(List<OrderRecord> rows, Instant now, Duration stale) {
        if (stale.isZero()) {
            return rows;
        }
        Instant countedBefore = now.minus(stale);
        List<OrderRecord> out = new ArrayList<>(rows.size());
        for (OrderRecord o : rows) {
            out.add(asOf(o, countedBefore));
        }
        return out;
    }

    private static OrderRecord asOf(OrderRecord o, Instant countedBefore) {
        List<OrderRecord.Execution> seen = new ArrayList<>(o.executions().size());
        long qty = 0;
        long amount = 0;
        for (OrderRecord.Execution e : o.executions()) {
            if (!e.at().isAfter(countedBefore)) {
                seen.add(e);
                qty += e.qty();
                amount += e.qty() * e.price();
            }
        }
        if (qty == o.filledQty()) {
            return o;
        }
        long remaining = o.remainingQty() + (o.filledQty() - qty);
        return new OrderRecord(
                o.orderDate(),
                o.branch(),
                o.odno(),
                o.origOdno(),
                o.symbol(),
                o.symbolName(),
                o.side(),
                o.ordDvsn(),
                o.qty(),
                o.price(),
                o.ordTmd(),
                remaining > 0 && !"EXPIRED".equals(o.status()) ? "OPEN" : o.status(),
                qty,
                amount,
                o.cancelledQty(),
                o.rejectedQty(),
                remaining,
                o.rvseCnclDvsn(),
                o.source(),
                List.copyOf(seen),
                o.ccldBranch(),
                o.acceptedAt());
    }
}
