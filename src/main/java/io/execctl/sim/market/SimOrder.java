package io.execctl.sim.market;

import io.execctl.domain.Side;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker's mutable row for one order (or one modify/cancel request). Only {@link SimMarket}
 * changes it, under its lock; readers get {@link OrderRecord} copies.
 */
final class SimOrder {
    final LocalDate orderDate;
    final String branch;
    final String odno;
    final String origOdno;
    final SymbolSpec symbol;
    final Side side;
    final String ordDvsn;
    final OrderKind kind;
    final long qty;
    /** ORD_UNPR as sent (0 for market-type orders). */
    final long price;
    /** The price it executes at or better; 0 for market-type orders. */
    final long limitPrice;

    final String ordTmd;
    /** "" new, "01" modify, "02" cancel. */
    final String rvseCnclDvsn;

    final Source source;
    /** Acceptance sequence, the time priority of the book. */
    final long seq;

    private final List<OrderRecord.Execution> executions = new ArrayList<>();
    private long filledQty;
    private long filledAmount;
    private long cancelledQty;
    private boolean expired;
    /** The last snapshot handed out; dropped on every change, so reads of unchanged rows cost nothing. */
    private OrderRecord snapshot;

    SimOrder(
            LocalDate orderDate,
            String branch,
            String odno,
            String origOdno,
            SymbolSpec symbol,
            Side side,
            String ordDvsn,
            OrderKind kind,
            long qty,
            long price,
            long limitPrice,
            String ordTmd,
            String rvseCnclDvsn,
            Source source,
            long seq) {
        this.orderDate = orderDate;
        this.branch = branch;
        this.odno = odno;
        this.origOdno = origOdno;
        this.symbol = symbol;
        this.side = side;
        this.ordDvsn = ordDvsn;
        this.kind = kind;
        this.qty = qty;
        this.price = price;
        this.limitPrice = limitPrice;
        this.ordTmd = ordTmd;
        this.rvseCnclDvsn = rvseCnclDvsn;
        this.source = source;
        this.seq = seq;
    }

    long remaining() {
        return qty - filledQty - cancelledQty;
    }

    boolean open() {
        return remaining() > 0;
    }

    boolean isCancelRequest() {
        return "02".equals(rvseCnclDvsn);
    }

    String status() {
        if (remaining() > 0) {
            return "OPEN";
        }
        if (expired) {
            return "EXPIRED";
        }
        return cancelledQty > 0 ? "CANCELLED" : "FILLED";
    }

    void fill(long q, long p, String time) {
        filledQty += q;
        filledAmount += q * p;
        executions.add(new OrderRecord.Execution(q, p, time));
        snapshot = null;
    }

    /** {@code q} of the remaining quantity is cancelled (or moved to a modify). */
    void cancel(long q) {
        cancelledQty += q;
        snapshot = null;
    }

    /** The session ended with this order open: the rest lapses. */
    void expire() {
        cancelledQty += remaining();
        expired = true;
        snapshot = null;
    }

    long filledQty() {
        return filledQty;
    }

    OrderRecord toRecord() {
        OrderRecord r = snapshot;
        if (r == null) {
            r = new OrderRecord(
                    orderDate,
                    branch,
                    odno,
                    origOdno,
                    symbol.code(),
                    symbol.name(),
                    side,
                    ordDvsn,
                    qty,
                    price,
                    ordTmd,
                    status(),
                    filledQty,
                    filledAmount,
                    cancelledQty,
                    0,
                    remaining(),
                    rvseCnclDvsn,
                    source,
                    List.copyOf(executions));
            snapshot = r;
        }
        return r;
    }
}
