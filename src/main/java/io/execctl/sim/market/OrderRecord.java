package io.execctl.sim.market;

import io.execctl.domain.Side;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One order row of the book (inquire-daily-ccld, inquire-psbl-rvsecncl and the ledger are rendered
 * from these). Cancel and modify requests are rows of their own with {@code origOdno} set and
 * {@code rvseCnclDvsn} {@code 01}/{@code 02}.
 *
 * @param status       OPEN, FILLED, CANCELLED, REJECTED or EXPIRED
 * @param price        the order price (0 for market)
 * @param filledQty    cumulative executed quantity (tot_ccld_qty)
 * @param filledAmount cumulative executed amount (tot_ccld_amt)
 * @param cancelledQty quantity cancelled or lapsed (cncl_cfrm_qty)
 * @param remainingQty quantity still open (rmn_qty / psbl_qty)
 * @param ordTmd       HHmmss of acceptance
 * @param rvseCnclDvsn "" for a new order, "01" modify, "02" cancel
 * @param rejectedQty  quantity the exchange refused after the broker accepted it (rjct_qty)
 * @param ccldBranch   the branch inquire-daily-ccld shows ({@code ord_gno_brno}); equal to {@code branch}
 *                     unless the branch-variation fault is on (KIS's sources disagree on the branch)
 * @param acceptedAt   wall-clock time of acceptance (for the REST lag faults; {@link Instant#EPOCH} = always visible)
 */
public record OrderRecord(
        LocalDate orderDate,
        String branch,
        String odno,
        String origOdno,
        String symbol,
        String symbolName,
        Side side,
        String ordDvsn,
        long qty,
        long price,
        String ordTmd,
        String status,
        long filledQty,
        long filledAmount,
        long cancelledQty,
        long rejectedQty,
        long remainingQty,
        String rvseCnclDvsn,
        Source source,
        List<Execution> executions,
        String ccldBranch,
        Instant acceptedAt) {

    /** A row without a separate inquiry branch or acceptance time (always visible, one branch everywhere). */
    public OrderRecord(
            LocalDate orderDate,
            String branch,
            String odno,
            String origOdno,
            String symbol,
            String symbolName,
            Side side,
            String ordDvsn,
            long qty,
            long price,
            String ordTmd,
            String status,
            long filledQty,
            long filledAmount,
            long cancelledQty,
            long rejectedQty,
            long remainingQty,
            String rvseCnclDvsn,
            Source source,
            List<Execution> executions) {
        this(
                orderDate,
                branch,
                odno,
                origOdno,
                symbol,
                symbolName,
                side,
                ordDvsn,
                qty,
                price,
                ordTmd,
                status,
                filledQty,
                filledAmount,
                cancelledQty,
                rejectedQty,
                remainingQty,
                rvseCnclDvsn,
                source,
                executions,
                branch,
                Instant.EPOCH);
    }

    /**
     * One execution of the order. {@code time} is HHmmss Korea (session) time; {@code at} the wall-clock
     * instant it was booked (for the stale-totals fault; {@link Instant#EPOCH} = long ago).
     */
    public record Execution(long qty, long price, String time, Instant at) {
        public Execution(long qty, long price, String time) {
            this(qty, price, time, Instant.EPOCH);
        }
    }
}
