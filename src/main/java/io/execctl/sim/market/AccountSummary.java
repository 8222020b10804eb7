package io.execctl.sim.market;

import java.math.BigDecimal;

/**
 * The account totals for inquire-balance {@code output2} and the ledger.
 *
 * @param cash        deposit now, after every booked trade, fee and tax (dnca_tot_amt here; the
 *                    simulator settles at once, so D+2 cash equals it)
 * @param todayFees   commissions booked today
 * @param todayTax    sell-side transaction tax booked today
 */
public record AccountSummary(
        BigDecimal cash,
        long todayBuyAmount,
        long todaySellAmount,
        BigDecimal todayFees,
        BigDecimal todayTax,
        long securitiesEvaluation,
        long purchaseAmountTotal) {}
