package io.execctl.sim.market;

import io.execctl.domain.Side;
import java.time.Instant;
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
    /** Wall-clock time of acceptance (the REST lag faults). */
    final Instant acceptedAt;

    /** BRNC_NO of this order's notices and ord_gno_brno of its daily-ccld row (differ under branch variation). */
    String noticeBranch;

    String ccldBranch;

    private final List<OrderRecord.Execution> executions = new ArrayList<>();
    private long filledQty;
    private long filledAmount;
    private long cancelledQty;
    private long rejectedQty;
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
            long seq,
            Instant acceptedAt) {
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
        this.acceptedAt = acceptedAt;
        this.noticeBranch = branch;
        this.ccldBranch = branch;
    }

    long remaining() {
        return qty - filledQty - cancelledQty - rejectedQty;
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
        if (rejectedQty > 0 && cancelledQty == 0) {
            return "REJECTED";
        }
        return cancelledQty > 0 ? "CANCELLED" : "FILLED";
    }

    void fill(long q, long p, String time, Instant at) {
        filledQty += q;
        filledAmount += q * p;
        executions.add(new OrderRecord.Execution(q, p, time, at));
        snapshot = null;
    }

    /** {@code q} of the remaining quantity is cancelled (or moved to a modify). */
    void cancel(long q) {
        cancelledQty += q;
        snapshot = null;
    }

    /** The exchange refused {@code q} of the remaining quantity (rjct_qty). */
    void reject(long q) {
        rejectedQty += q;
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
                    rejectedQty,
                    remaining(),
                    rvseCnclDvsn,
                    source,
                    List.copyOf(executions),
                    ccldBranch,
                    acceptedAt);
            snapshot = r;
        }
        return r;
    }
}
