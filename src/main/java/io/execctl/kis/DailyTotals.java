package io.execctl.kis;

import java.math.BigDecimal;

/**
 * {@code inquire-daily-ccld} {@code output2}: totals over the queried range.
 *
 * @param totOrdQty    {@code tot_ord_qty}
 * @param totCcldQty   {@code tot_ccld_qty}
 * @param totCcldAmt   {@code tot_ccld_amt}
 * @param prsmTlexSmtl {@code prsm_tlex_smtl}: estimated fees and taxes
 * @param pchsAvgPric  {@code pchs_avg_pric}
 * @param row          the object as received
 */
public record DailyTotals(
        long totOrdQty,
        long totCcldQty,
        BigDecimal totCcldAmt,
        BigDecimal prsmTlexSmtl,
        BigDecimal pchsAvgPric,
        KisRow row) {

    public static DailyTotals parse(KisRow n) {
        return new DailyTotals(
                KisFields.qty(n, "tot_ord_qty"),
                KisFields.qty(n, "tot_ccld_qty"),
                KisFields.decimal(n, "tot_ccld_amt"),
                KisFields.decimal(n, "prsm_tlex_smtl"),
                KisFields.decimal(n, "pchs_avg_pric"),
                n);
    }

    /** The JSON as received. */
    public String raw() {
        return row.raw();
    }
}
