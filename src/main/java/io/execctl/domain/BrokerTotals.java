package io.execctl.domain;

import java.math.BigDecimal;

/**
 * One REST snapshot of an order's cumulative totals ({@code inquire-daily-ccld} {@code output1}
 * row): the only form in which the broker states what was executed. A snapshot may be stale (the
 * broker's order history lags; an older page read late), so it proves no more than "at least this
 * much was executed" — until it is {@link #isFinal() final}.
 *
 * @param ordQty      {@code ord_qty}
 * @param totCcldQty  {@code tot_ccld_qty}
 * @param totCcldAmt  {@code tot_ccld_amt} (exact; never the rounded {@code avg_prvs})
 * @param rmnQty      {@code rmn_qty}
 * @param cnclCfrmQty {@code cncl_cfrm_qty}
 * @param rjctQty     {@code rjct_qty}
 */
public record BrokerTotals(
        long ordQty, long totCcldQty, BigDecimal totCcldAmt, long rmnQty, long cnclCfrmQty, long rjctQty) {
    public BrokerTotals {
        Checks.positive(ordQty, "ordQty");
        Checks.nonNegative(totCcldQty, "totCcldQty");
        Checks.notNull(totCcldAmt, "totCcldAmt");
        Checks.nonNegative(totCcldAmt, "totCcldAmt");
        Checks.nonNegative(rmnQty, "rmnQty");
        Checks.nonNegative(cnclCfrmQty, "cnclCfrmQty");
        Checks.nonNegative(rjctQty, "rjctQty");
        if ((totCcldQty == 0) != (totCcldAmt.signum() == 0)) {
            throw new IllegalArgumentException("tot_ccld_amt must be zero exactly when tot_ccld_qty is");
        }
    }

    /**
     * Broker-final evidence: nothing remains and every share is accounted for as executed, cancelled
     * or rejected. Nothing can execute after it (orders lapse at the close, so every order gets
     * here), which is why only this licenses voiding a recorded fill.
     */
    public boolean isFinal() {
        return rmnQty == 0 && totCcldQty + cnclCfrmQty + rjctQty == ordQty;
    }

    /** What these totals say of the order apart from its fills. */
    public BrokerStatus brokerStatus() {
        if (!isFinal() || totCcldQty == ordQty) {
            return BrokerStatus.ACCEPTED;
        }
        if (totCcldQty == 0 && cnclCfrmQty == 0) {
            return BrokerStatus.REJECTED;
        }
        return BrokerStatus.CANCELLED;
    }
}
