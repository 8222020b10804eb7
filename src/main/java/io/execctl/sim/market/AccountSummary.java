package io.execctl.sim.market;

import java.math.BigDecimal;

/**
 * The account totals for inquire-balance {@code output2} and the ledger.
 *
 * @param cash        D+2 cash: the deposit after every booked trade, fee and tax (prvs_rcdl_excc_amt; what
 *                    buying power is measured against)
 * @param settledCash the deposit of settled trades only (dnca_tot_amt): trades settle T+2, so today's and
 *                    yesterday's are not in it (KIS: "dnca_tot_amt ignores unsettled buys")
 * @param nextDayCash the deposit as it will be after tomorrow's settlement (nxdy_excc_amt): all but today's trades
 * @param todayFees   commissions booked today
 * @param todayTax    sell-side transaction tax booked today
 */
public record AccountSummary(
        BigDecimal cash,
        BigDecimal settledCash,
        BigDecimal nextDayCash,
        long todayBuyAmount,
        long todaySellAmount,
        BigDecimal todayFees,
        BigDecimal todayTax,
        long securitiesEvaluation,
        long purchaseAmountTotal) {

    /** Totals of an account whose trades are all settled (one cash figure). */
    public AccountSummary(
            BigDecimal cash,
            long todayBuyAmount,
            long todaySellAmount,
            BigDecimal todayFees,
            BigDecimal todayTax,
            long securitiesEvaluation,
            long purchaseAmountTotal) {
        this(
                cash,
                cash,
                cash,
                todayBuyAmount,
                todaySellAmount,
                todayFees,
                todayTax,
                securitiesEvaluation,
                purchaseAmountTotal);
    }
}
